import type { ReactNode } from 'react'
import { LEVELS } from '@tickwork/core/bridge'
import { useRegistrySummary } from '@tickwork/react'
import { count } from '../format.ts'

/**
 * Counts of the default registry in the panel's words (docs/devtools.md, "Words"):
 * "live" is a loop that is scheduled, running or paused; "running" is a run in flight.
 */
export function SummaryBar(): ReactNode {
  // Throttled: in stress mode a thousand tasks finish runs every second.
  const summary = useRegistrySummary(undefined, { throttleMs: 250 })
  const failed = summary.tasks.filter((task) => task.state === 'failed').length
  return (
    <div className="summary" data-testid="summary">
      <span className="stat" title="Live: loops that are scheduled, running or paused">
        <b data-testid="summary-running">{count(summary.runningCount)}</b> live
      </span>
      <span className="stat">
        <b data-testid="summary-total">{count(summary.totalCount)}</b> tasks
      </span>
      {failed > 0 && (
        <span className="stat stat-bad">
          <b>{failed}</b> failed
        </span>
      )}
      <span className="levels">
        {LEVELS.map((level) => (
          <span key={level} className={`level level-${level}`} title={`${level}: live / total tasks`}>
            {level} {summary.byLevel[level].running}/{summary.byLevel[level].total}
          </span>
        ))}
      </span>
    </div>
  )
}
