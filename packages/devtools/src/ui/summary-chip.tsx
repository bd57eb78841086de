import { LEVELS } from '@tickwork/core/bridge'
import type { ReactElement } from 'react'
import type { Counts } from '../store/counts.ts'
import { SHOWN_STATES } from '../store/filter-sort.ts'
import { Icon } from './icons.tsx'
import { Popover } from './popover.tsx'

/** What each number means, in the words the docs use (docs/devtools.md, "Words"). */
export const TERMS = {
  live: 'loops that are scheduled, running or paused',
  running: 'runs in flight right now',
  stalled: 'live loops whose run is far past its expected end',
  failed: 'loops ended by an irrecoverable error',
} as const

/** `malformedMessages` → `malformed messages`. */
export function humanise(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

/** Props of {@link SummaryChip}. */
export interface SummaryChipProps {
  counts: Counts
  /** Diagnostics counters of the source that are not problems (message counts and such). */
  counters: readonly (readonly [string, number])[]
}

/**
 * Every count of the header in one chip — tasks, live loops and the ones in
 * trouble — and the rest (by state, by level, the source's counters) in its popover,
 * so four-digit counts never push the header onto more lines.
 */
export function SummaryChip({ counts, counters }: SummaryChipProps): ReactElement {
  const trouble = counts.byState.failed + counts.byState.stalled
  const label = `${counts.total} tasks, ${counts.running} live${trouble > 0 ? `, ${trouble} failed or stalled` : ''}: show all counts`
  return (
    <Popover
      label={label}
      title={`live: ${TERMS.live}`}
      buttonClassName="chip chip-btn totals"
      className="pop-counts"
      button={
        <>
          <span>
            <b>{counts.total}</b> tasks
          </span>
          <span className="sep" aria-hidden="true">
            ·
          </span>
          <span>
            <b>{counts.running}</b> live
          </span>
          {trouble > 0 ? (
            <>
              <span className="sep" aria-hidden="true">
                ·
              </span>
              <span className="bad">
                <b>{trouble}</b> failed
              </span>
            </>
          ) : null}
          <Icon name="chevronDown" size={10} />
        </>
      }
    >
      {() => (
        <>
          <dl className="terms">
            <div>
              <dt>tasks</dt>
              <dd>{counts.total}</dd>
            </div>
            <div title={TERMS.live}>
              <dt>live</dt>
              <dd>{counts.running}</dd>
              <dd className="def">{TERMS.live}</dd>
            </div>
            <div title={TERMS.running}>
              <dt>running</dt>
              <dd>{counts.byState.running}</dd>
              <dd className="def">{TERMS.running}</dd>
            </div>
            <div title={TERMS.stalled}>
              <dt>stalled</dt>
              <dd>{counts.byState.stalled}</dd>
              <dd className="def">{TERMS.stalled}</dd>
            </div>
          </dl>
          <h4>By state</h4>
          <div className="chips" aria-label="Tasks by state">
            {SHOWN_STATES.map((state) => (
              <span key={state} className={`chip state-chip state-${state}`} title={`${counts.byState[state]} tasks ${state}`}>
                <span className="dot" aria-hidden="true" />
                {state} <b>{counts.byState[state]}</b>
              </span>
            ))}
          </div>
          <h4>By level</h4>
          <div className="chips" aria-label="Tasks by level">
            {LEVELS.map((level) => (
              <span key={level} className={`chip level-${level}`} title={`${counts.byLevel[level]} ${level} tasks`}>
                {level} <b>{counts.byLevel[level]}</b>
              </span>
            ))}
          </div>
          {counters.length > 0 ? (
            <>
              <h4>Source counters</h4>
              <dl className="terms">
                {counters.map(([key, value]) => (
                  <div key={key}>
                    <dt>{humanise(key)}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : null}
        </>
      )}
    </Popover>
  )
}
