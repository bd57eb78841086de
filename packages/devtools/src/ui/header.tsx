import { LEVELS } from '@tickwork/core/bridge'
import type { ReactElement } from 'react'
import { useMemo } from 'react'
import { createCountsSelector, type Counts } from '../store/counts.ts'
import type { SourceState } from '../store/source-store.ts'
import { SHOWN_STATES } from '../store/filter-sort.ts'
import { PANEL_POSITIONS, type PanelPosition } from '../store/ui-state.ts'
import { useSourceState, useSourceStore } from './source-context.tsx'

/** Props of {@link Header}. */
export interface HeaderProps {
  position: PanelPosition
  onPosition: ((position: PanelPosition) => void) | undefined
  onClose: (() => void) | undefined
}

// The filled bar shows the edge the panel docks to.
const DOCK_BARS: Record<PanelPosition, { x: number; y: number; width: number; height: number }> = {
  top: { x: 1.5, y: 1.5, width: 13, height: 4 },
  bottom: { x: 1.5, y: 8.5, width: 13, height: 4 },
  left: { x: 1.5, y: 1.5, width: 4.5, height: 11 },
  right: { x: 10, y: 1.5, width: 4.5, height: 11 },
}

function DockIcon({ position }: { position: PanelPosition }): ReactElement {
  return (
    <svg width="16" height="14" viewBox="0 0 16 14" aria-hidden="true">
      <rect x="1" y="1" width="14" height="12" rx="2" />
      <rect className="fill" {...DOCK_BARS[position]} rx="1" />
    </svg>
  )
}

// Diagnostics keys that mean something went wrong get a warning chip; the rest (message counts and such) a tooltip.
const PROBLEM = /malformed|invalid|error|fail|drop|ignored|lost|timeout|foreign/i

function humanise(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

/** Counts by state and level, live totals, diagnostics, the pause switch, dock and close buttons. */
export function Header({ position, onPosition, onClose }: HeaderProps): ReactElement {
  const { setPaused, store } = useSourceStore()
  const paused = useSourceState((state) => state.paused)
  const pending = useSourceState((state) => state.pendingChanges)
  const diagnostics = useSourceState((state) => state.diagnostics)
  // Adjusted by the tasks that changed each frame (one selector per source, hence `store`); the header re-renders only when a number moved.
  const selectCounts = useMemo((): ((state: SourceState) => Counts) => createCountsSelector(), [store])
  const counts = useSourceState(selectCounts)
  const entries = Object.entries(diagnostics)
  const problems = entries.filter(([key, value]) => value > 0 && PROBLEM.test(key))
  const others = entries.filter(([key]) => !PROBLEM.test(key))
  return (
    <header className="head">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ◴
        </span>
        <span className="brand-name">tickwork</span>
      </div>
      <div className="totals" aria-label="Totals">
        <span className="total">
          <b>{counts.total}</b> tasks
        </span>
        <span className="total">
          <b>{counts.running}</b> running
        </span>
        <span className="total">
          <b>{counts.active}</b> active
        </span>
      </div>
      <div className="chips" aria-label="Tasks by level">
        {LEVELS.map((level) => (
          <span key={level} className={`chip level-${level}`} title={`${level} tasks`}>
            {level} <b>{counts.byLevel[level]}</b>
          </span>
        ))}
      </div>
      <div className="chips" aria-label="Tasks by state">
        {SHOWN_STATES.filter((state) => counts.byState[state] > 0).map((state) => (
          <span key={state} className={`chip state-chip state-${state}`}>
            <span className="dot" aria-hidden="true" />
            {state} <b>{counts.byState[state]}</b>
          </span>
        ))}
      </div>
      {problems.length > 0 || others.length > 0 ? (
        <div className="diagnostics" role="status" aria-label="Source diagnostics">
          {problems.map(([key, value]) => (
            <span key={key} className="chip warn">
              {value} {humanise(key)}
            </span>
          ))}
          {others.length > 0 ? (
            <span className="chip" title={others.map(([key, value]) => `${humanise(key)}: ${value}`).join('\n')}>
              ⓘ {others.length} counters
            </span>
          ) : null}
        </div>
      ) : null}
      <div className="spacer" />
      <label className="switch" title="Pause live updates">
        <input type="checkbox" role="switch" checked={!paused} aria-label="Live updates" onChange={(event) => setPaused(!event.target.checked)} />
        <span className="track" aria-hidden="true">
          <span className="thumb" />
        </span>
        <span className="switch-text">{paused ? `paused${pending > 0 ? ` (${pending})` : ''}` : 'live'}</span>
      </label>
      {onPosition !== undefined ? (
        <div className="dock" role="group" aria-label="Dock position">
          {PANEL_POSITIONS.map((option) => (
            <button
              key={option}
              type="button"
              className={`icon-btn${option === position ? ' on' : ''}`}
              aria-label={`Dock to ${option}`}
              aria-pressed={option === position}
              onClick={() => onPosition(option)}
            >
              <DockIcon position={option} />
            </button>
          ))}
        </div>
      ) : null}
      {onClose !== undefined ? (
        <button type="button" className="icon-btn close" aria-label="Close tickwork devtools" onClick={onClose}>
          ✕
        </button>
      ) : null}
    </header>
  )
}
