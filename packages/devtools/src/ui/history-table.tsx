import type { RunSummary } from '@tickwork/core'
import type { ReactElement } from 'react'
import { Fragment, useState } from 'react'
import { formatDuration, formatTime } from '../format.ts'

function Extra({ extra }: { extra: Record<string, string> }): ReactElement | null {
  const entries = Object.entries(extra)
  if (entries.length === 0) return null
  return (
    <span className="extra">
      {entries.map(([key, value]) => (
        <span key={key} className="kv">
          <span className="k">{key}</span>
          <span className="v">{value}</span>
        </span>
      ))}
    </span>
  )
}

/** A task's run history, newest first; a failed run expands to its error name, message and stack. */
export function HistoryTable({ history }: { history: readonly RunSummary[] }): ReactElement {
  const [expanded, setExpanded] = useState<number | null>(null)
  if (history.length === 0) return <div className="empty">No runs recorded yet.</div>
  const rows = [...history].reverse()
  return (
    <table className="history">
      <thead>
        <tr>
          <th>#</th>
          <th>time</th>
          <th className="num">duration</th>
          <th className="num">late</th>
          <th>trigger</th>
          <th>result</th>
          <th>message</th>
          <th>extra</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((run) => {
          const open = expanded === run.runIndex
          return (
            <Fragment key={`${run.runIndex}-${run.timestamp}`}>
              <tr className={run.success ? 'ok' : 'fail'} data-run={run.runIndex}>
                <td className="num dim">{run.runIndex}</td>
                <td className="mono">{formatTime(run.timestamp)}</td>
                <td className="num">{formatDuration(run.durationMs)}</td>
                <td className="num">{run.lateMs > 0 ? formatDuration(run.lateMs) : '—'}</td>
                <td>{run.trigger}</td>
                <td>
                  {run.success ? (
                    <span className="result ok">ok</span>
                  ) : (
                    <button
                      type="button"
                      className="result fail"
                      aria-expanded={open}
                      aria-label={`${open ? 'Hide' : 'Show'} error of run ${run.runIndex}`}
                      onClick={() => setExpanded(open ? null : run.runIndex)}
                    >
                      {run.error?.name ?? 'failed'} {open ? '▾' : '▸'}
                    </button>
                  )}
                </td>
                <td className="msg" title={run.message}>
                  {run.message}
                </td>
                <td>
                  <Extra extra={run.extra} />
                </td>
              </tr>
              {open ? (
                <tr className="error-row">
                  <td colSpan={8}>
                    <div className="error-box" role="region" aria-label={`Error of run ${run.runIndex}`}>
                      <div className="error-title">
                        <strong>{run.error?.name ?? 'Failed'}</strong>: {run.error?.message ?? run.message}
                      </div>
                      {run.error?.stack ? <pre className="stack">{run.error.stack}</pre> : <div className="dim">No stack recorded.</div>}
                    </div>
                  </td>
                </tr>
              ) : null}
            </Fragment>
          )
        })}
      </tbody>
    </table>
  )
}
