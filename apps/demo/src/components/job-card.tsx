import type { ReactNode } from 'react'
import type { Task } from '@tickwork/core'
import { useTaskStatus } from '@tickwork/react'
import { duration } from '../format.ts'

/** Props of {@link JobCard}. */
export interface JobCardProps {
  task: Task
  title: string
  /** One sentence on what the job does and which capability it shows. */
  description: string
  /** The job's latest output. */
  children: ReactNode
  /** Buttons that act on the job from the page. */
  actions?: ReactNode
  /** The state to show instead of the task's, for a task that stands for something else (a queue: idle / working / stopped). */
  state?: string
}

/** One background job: its level, live state and run counts, and its latest output. */
export function JobCard({ task, title, description, children, actions, state: shown }: JobCardProps): ReactNode {
  const status = useTaskStatus(task)
  const state = shown ?? status?.state ?? 'idle'
  const last = status?.lastSummary
  return (
    <article className="card" data-testid={`job-${task.name}`} data-state={state}>
      <header className="card-head">
        <span className={`level level-${task.level}`}>{task.level}</span>
        <h2>{title}</h2>
        <span className={`state state-${state}`} data-testid={`state-${task.name}`}>
          {state === 'running' || state === 'working' ? <span className="spinner" aria-hidden /> : <span className="dot" aria-hidden />}
          {state}
        </span>
      </header>
      <p className="desc">{description}</p>
      <div className="output" data-testid={`output-${task.name}`} aria-live="polite">
        {children}
      </div>
      {status?.stopReason !== undefined && state === 'failed' && (
        <p className="reason" data-testid={`reason-${task.name}`}>
          {status.stopReason}
        </p>
      )}
      <footer className="card-foot">
        <span title="runs (failed)">
          <b data-testid={`runs-${task.name}`}>{status?.totalRuns ?? 0}</b> runs
          {status !== null && status.failedRuns > 0 && <span className="failed-count"> · {status.failedRuns} failed</span>}
        </span>
        <span className="muted">{last ? `last ${duration(last.durationMs)}` : 'not run yet'}</span>
        <span className="muted">{status?.interval != null ? `every ${duration(status.interval)}` : task.config.schedule}</span>
        {actions && <span className="actions">{actions}</span>}
      </footer>
    </article>
  )
}
