import type { ReactNode } from 'react'
import { LEVELS } from '@tickwork/core/bridge'
import { useRegistrySummary } from '@tickwork/react'
import { count } from '../format.ts'

/** Live counts of the default registry: running / total, and per level. */
export function SummaryBar(): ReactNode {
  // Throttled: in stress mode a thousand tasks finish runs every second.
  const summary = useRegistrySummary(undefined, { throttleMs: 250 })
  const failed = summary.tasks.filter((task) => task.state === 'failed').length
  return (
    <div className="summary" data-testid="summary">
      <span className="stat">
        <b data-testid="summary-running">{count(summary.runningCount)}</b> running
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
          <span key={level} className={`level level-${level}`} title={`${level}: running / total`}>
            {level} {summary.byLevel[level].running}/{summary.byLevel[level].total}
          </span>
        ))}
      </span>
    </div>
  )
}
