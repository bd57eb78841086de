import type { ReactElement, ReactNode } from 'react'
import { formatDuration, formatRate, formatTime } from '../format.ts'
import { shownState } from '../store/filter-sort.ts'
import { LevelBadge, RunnerBadge, StateBadge } from './badges.tsx'
import { Controls } from './controls.tsx'
import { Countdown } from './countdown.tsx'
import { HistoryTable } from './history-table.tsx'
import { useTaskView } from './source-context.tsx'
import { Sparkline } from './sparkline.tsx'

function Field({ label, children }: { label: string; children: ReactNode }): ReactElement {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

const orDash = (value: number | null, format: (value: number) => string = String): string => (value === null ? '—' : format(value))

/** Configuration, stats, controls and run history of one task. */
export function Inspector({ name, onClose }: { name: string; onClose: () => void }): ReactElement {
  const view = useTaskView(name)
  if (view === undefined) {
    return (
      <section className="inspector" aria-label={`Inspector: ${name}`}>
        <div className="empty">Task “{name}” is gone.</div>
      </section>
    )
  }
  const { status, config, history } = view
  const durations = history.map((run) => run.durationMs)
  const mean = durations.length === 0 ? null : durations.reduce((a, b) => a + b, 0) / durations.length
  const sorted = [...durations].sort((a, b) => a - b)
  const p95 = sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? null)
  return (
    <section className="inspector" aria-label={`Inspector: ${name}`}>
      <header className="insp-head">
        <div className="insp-title">
          <h2>{name}</h2>
          <LevelBadge level={status.level} />
          <StateBadge state={shownState(view)} />
          {view.runner !== undefined ? <RunnerBadge runner={view.runner} /> : null}
        </div>
        <button type="button" className="icon-btn" aria-label="Close inspector" onClick={onClose}>
          ✕
        </button>
      </header>
      <Controls view={view} />
      {status.stopReason !== undefined ? <div className="stop-reason">Stopped: {status.stopReason}</div> : null}
      <div className="insp-grid">
        <div className="card">
          <h3>Configuration</h3>
          <dl>
            <Field label="schedule">{config.schedule}</Field>
            <Field label="interval">{orDash(config.interval, formatDuration)}</Field>
            <Field label="initial delay">{formatDuration(config.initialDelay)}</Field>
            <Field label="timeout">{orDash(config.timeout, formatDuration)}</Field>
            <Field label="max runs">{orDash(config.maxRuns)}</Field>
            <Field label="until">{orDash(config.until, formatTime)}</Field>
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
            <Field label="skipped slots">{status.skippedRuns}</Field>
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
      <h3 className="hist-title">
        Run history <span className="dim">({history.length} kept)</span>
      </h3>
      <div className="hist-wrap">
        <HistoryTable history={history} />
      </div>
    </section>
  )
}
