import type { ReactElement } from 'react'
import { useMemo } from 'react'
import { createCountsSelector, type Counts } from '../store/counts.ts'
import type { SourceState } from '../store/source-store.ts'
import { PANEL_POSITIONS, type PanelPosition } from '../store/ui-state.ts'
import { Icon } from './icons.tsx'
import { Popover } from './popover.tsx'
import { Segmented } from './segmented.tsx'
import { useSourceState, useSourceStore } from './source-context.tsx'
import { humanise, SummaryChip } from './summary-chip.tsx'
import type { DevtoolsTheme } from './theme.ts'
import { ThemeSwitch } from './theme-switch.tsx'

/** Props of {@link Header}. */
export interface HeaderProps {
  position: PanelPosition
  onPosition: ((position: PanelPosition) => void) | undefined
  onClose: (() => void) | undefined
  /** The theme chosen in the panel (or given by the `theme` prop). */
  theme: DevtoolsTheme
  onTheme: (theme: DevtoolsTheme) => void
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
    <svg className="dock-icon" width="16" height="14" viewBox="0 0 16 14" aria-hidden="true">
      <rect x="1" y="1" width="14" height="12" rx="2" />
      <rect className="fill" {...DOCK_BARS[position]} rx="1" />
    </svg>
  )
}

const DOCK_SEGMENTS = PANEL_POSITIONS.map((option) => ({ value: option, label: `Dock to ${option}`, content: <DockIcon position={option} /> }))

// Diagnostics keys that mean something went wrong get a warning chip; the rest go into the counts popover.
const PROBLEM = /malformed|invalid|error|fail|drop|ignored|lost|timeout|foreign/i

/** The summary chip, source problems, the live-updates switch, panel settings (theme, dock) and close. */
export function Header({ position, onPosition, onClose, theme, onTheme }: HeaderProps): ReactElement {
  const { setPaused, store } = useSourceStore()
  const paused = useSourceState((state) => state.paused)
  const pending = useSourceState((state) => state.pendingChanges)
  const diagnostics = useSourceState((state) => state.diagnostics)
  // Adjusted by the tasks that changed each frame (one selector per source, hence `store`); the header re-renders only when a number moved.
  const selectCounts = useMemo((): ((state: SourceState) => Counts) => createCountsSelector(), [store])
  const counts = useSourceState(selectCounts)
  const entries = Object.entries(diagnostics)
  const problems = entries.filter(([key, value]) => value > 0 && PROBLEM.test(key))
  const counters = entries.filter(([key]) => !PROBLEM.test(key))
  return (
    <header className="head">
      <div className="brand">
        <Icon name="logo" size={16} className="logo" />
        <span className="brand-name">tickwork</span>
      </div>
      <SummaryChip counts={counts} counters={counters} />
      {problems.length > 0 ? (
        <div className="diagnostics" role="status" aria-label="Source problems">
          {problems.map(([key, value]) => (
            <span key={key} className="chip warn" title={`${value} ${humanise(key)} reported by this source`}>
              {value} {humanise(key)}
            </span>
          ))}
        </div>
      ) : null}
      <div className="spacer" />
      <label className="switch" title={paused ? 'Live updates paused: the list shows the moment you paused' : 'Pause live updates'}>
        <input type="checkbox" role="switch" checked={!paused} aria-label="Live updates" onChange={(event) => setPaused(!event.target.checked)} />
        <span className="track" aria-hidden="true">
          <span className="thumb" />
        </span>
        <span className="switch-text">{paused ? `paused${pending > 0 ? ` (${pending})` : ''}` : 'live'}</span>
      </label>
      <Popover label="Panel settings" title="Theme and dock position" buttonClassName="icon-btn" className="pop-settings" button={<Icon name="gear" size={15} />}>
        {() => (
          <>
            <h4>Theme</h4>
            <ThemeSwitch theme={theme} onTheme={onTheme} />
            {onPosition !== undefined ? (
              <>
                <h4>Dock</h4>
                <Segmented label="Dock position" segments={DOCK_SEGMENTS} value={position} onChange={onPosition} />
              </>
            ) : null}
          </>
        )}
      </Popover>
      {onClose !== undefined ? (
        <button type="button" className="icon-btn close" aria-label="Close tickwork devtools" title="Close (Esc)" onClick={onClose}>
          <Icon name="close" />
        </button>
      ) : null}
    </header>
  )
}
