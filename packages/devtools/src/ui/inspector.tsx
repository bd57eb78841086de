import type { TaskView } from '@tickwork/core/bridge'
import type { ReactElement, ReactNode } from 'react'
import { useEffect, useRef } from 'react'
import { formatDateTime, formatDuration, formatInterval, formatRate, formatSchedule, plural } from '../format.ts'
import { shownState } from '../store/filter-sort.ts'
import { LevelBadge, RunnerBadge, StateBadge } from './badges.tsx'
import { Controls } from './controls.tsx'
import { Countdown } from './countdown.tsx'
import { FacetView } from './facet-view.tsx'
import { HistoryTable } from './history-table.tsx'
import { Icon } from './icons.tsx'
import { useSourceStore, useTaskView } from './source-context.tsx'
import { Sparkline } from './sparkline.tsx'

function Field({ label, children, title }: { label: string; children: ReactNode; title?: string }): ReactElement {
  return (
    <div className="field" title={title}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

const orDash = (value: number | null, format: (value: number) => string = String): string => (value === null ? '—' : format(value))

function durationStats(view: TaskView): { mean: number | null; p95: number | null } {
  const durations = view.history.map((run) => run.durationMs)
  if (durations.length === 0) return { mean: null, p95: null }
  const sorted = [...durations].sort((a, b) => a - b)
  return { mean: durations.reduce((a, b) => a + b, 0) / durations.length, p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? null }
}

/** Configuration and stats folded into one line that opens: the run history needs the height more. */
function Summary({ view, now }: { view: TaskView; now: number }): ReactElement {
  const { status, config, history } = view
  const { mean, p95 } = durationStats(view)
  return (
    <details className="insp-summary">
      <summary>
        <Icon name="chevronRight" size={10} className="fold" />
        <span className="sum-text">
          <span>{formatInterval(status.interval, config.schedule)}</span>
          <span title={`${status.totalRuns} runs, ${status.failedRuns} failed`}>
            {plural(status.totalRuns, 'run')}
            {status.failedRuns > 0 ? <span className="failed-count">, {status.failedRuns} failed</span> : null}
          </span>
          <span title="Share of successful runs">{formatRate(status.successRate)} ok</span>
          <span className="sum-mean" title="Mean duration of the kept runs">mean {formatDuration(mean)}</span>
        </span>
        <span className="sum-open dim">configuration &amp; stats</span>
      </summary>
      <div className="insp-grid">
        <div className="card">
          <h3>Configuration</h3>
          <dl>
            <Field label="schedule">{formatSchedule(config.schedule)}</Field>
            <Field label="interval">{orDash(config.interval, formatDuration)}</Field>
            <Field label="initial delay">{formatDuration(config.initialDelay)}</Field>
            <Field label="timeout">{orDash(config.timeout, formatDuration)}</Field>
            <Field label="max runs">{orDash(config.maxRuns)}</Field>
            <Field label="until">{orDash(config.until, (until) => formatDateTime(until, now))}</Field>
            <Field label="history size">{config.historySize}</Field>
            <Field label="keep alive">{config.keepAlive ? 'yes' : 'no'}</Field>
          </dl>
        </div>
        <div className="card">
          <h3>Stats</h3>
          <dl>
            <Field label="runs">{status.totalRuns}</Field>
            <Field label="failed">{status.failedRuns}</Field>
            <Field label="success rate">{formatRate(status.successRate)}</Field>
            <Field label="skipped slots" title="Slots a fixed-rate schedule skipped because a run was late">
              {status.skippedRuns}
            </Field>
            <Field label="next run">
              <Countdown nextRunAt={status.nextRunAt} />
            </Field>
            <Field label="last duration">{formatDuration(status.lastSummary?.durationMs)}</Field>
            <Field label="mean / p95">
              {formatDuration(mean)} / {formatDuration(p95)}
            </Field>
            <Field label="recent">
              <Sparkline history={history} width={120} height={22} />
            </Field>
          </dl>
        </div>
      </div>
    </details>
  )
}

/** Props of {@link Inspector}. */
export interface InspectorProps {
  name: string
  /** A run to open in the history. */
  runIndex?: number | undefined
  onClose: () => void
}

/**
 * One task: its controls first, a one-line summary that opens to the
 * configuration and stats, then the run history filling the rest — so at the
 * default dock height the controls and the newest runs show without scrolling.
 */
export function Inspector({ name, runIndex, onClose }: InspectorProps): ReactElement {
  const view = useTaskView(name)
  const { source } = useSourceStore()
  const backRef = useRef<HTMLButtonElement>(null)
  // In a narrow panel the inspector hides the list, and the focus with it: it moves to the back button instead of falling to <body>.
  useEffect(() => {
    const button = backRef.current
    if (button !== null && button.offsetParent !== null) button.focus()
  }, [])
  const back = (
    <button ref={backRef} type="button" className="icon-btn back" aria-label="Back to the list" title="Back to the list" onClick={onClose}>
      <Icon name="back" />
    </button>
  )
  if (view === undefined) {
    return (
      <section className="inspector" aria-label={`Inspector: ${name}`}>
        <header className="insp-head">
          {back}
          <div className="empty">Task “{name}” is gone.</div>
        </header>
      </section>
    )
  }
  const { status, history } = view
  const now = source.now?.() ?? Date.now()
  return (
    <section className="inspector" aria-label={`Inspector: ${name}`}>
      <header className="insp-head">
        {back}
        <div className="insp-title">
          <h2 title={name}>{name}</h2>
          <span className="insp-badges">
            <LevelBadge level={status.level} />
            <StateBadge state={shownState(view)} />
            {view.runner !== undefined ? <RunnerBadge runner={view.runner} /> : null}
          </span>
        </div>
        <button type="button" className="icon-btn close-insp" aria-label="Close inspector" title="Close inspector" onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      <Controls view={view} />
      <FacetView view={view} />
      {status.stopReason !== undefined ? (
        <div className="stop-reason" title={status.stopReason}>
          Stopped: {status.stopReason}
        </div>
      ) : null}
      <Summary view={view} now={now} />
      <HistoryTable key={runIndex ?? -1} task={name} history={history} now={now} focusRun={runIndex} />
    </section>
  )
}
