import type { RunSummary } from '@tickwork/core'
import type { ReactElement } from 'react'
import { Fragment, useEffect, useRef, useState } from 'react'
import { formatDuration, formatTimestamp } from '../format.ts'
import { HISTORY_FILTERS, HISTORY_PAGE_SIZE, historyPage, pageOfRun, type HistoryFilter } from '../store/history-query.ts'
import { Icon } from './icons.tsx'
import { RunDetails } from './run-details.tsx'
import { Segmented } from './segmented.tsx'

const FILTER_LABELS: Record<HistoryFilter, string> = { all: 'all runs', failures: 'failures only', manual: 'manual runs only (Run now)' }
const FILTER_SEGMENTS = HISTORY_FILTERS.map((value) => ({ value, content: value, label: FILTER_LABELS[value] }))

/** Props of {@link HistoryTable}. */
export interface HistoryTableProps {
  task: string
  /** Oldest first, as tasks keep it. */
  history: readonly RunSummary[]
  /** Epoch ms "now", to decide whether a timestamp needs its date. */
  now: number
  /** A run to open (from the timeline, say): its page is shown and it is expanded. */
  focusRun?: number | undefined
}

/**
 * A task's run history, newest first: filtered (all, failures, manual),
 * paged, each run expanding to its details (error and stack, `extra`, copy).
 * The heading row and the filter stay put while the rows scroll.
 */
export function HistoryTable({ task, history, now, focusRun }: HistoryTableProps): ReactElement {
  const [filter, setFilter] = useState<HistoryFilter>('all')
  const [page, setPage] = useState(() => (focusRun === undefined ? 0 : Math.max(0, pageOfRun(history, 'all', focusRun))))
  const [expanded, setExpanded] = useState<number | null>(focusRun ?? null)
  const detailRef = useRef<HTMLTableRowElement>(null)

  // Opening a run keeps it in view: as much of its details as fit, and the run's own row above them, whatever the stack's length.
  useEffect(() => {
    const detail = detailRef.current
    detail?.scrollIntoView?.({ block: 'nearest' })
    const runRow = detail?.previousElementSibling
    if (runRow instanceof HTMLElement) runRow.scrollIntoView?.({ block: 'nearest' })
  }, [expanded])

  const shown = historyPage(history, filter, page)
  const first = shown.page * HISTORY_PAGE_SIZE + 1
  return (
    <section className="history-section" aria-label="Run history">
      <div className="hist-head">
        <h3 className="hist-title">
          Runs <span className="dim" title="Runs this panel keeps for the task (its history size)">{history.length} kept</span>
        </h3>
        <Segmented
          label="Show runs"
          segments={FILTER_SEGMENTS}
          value={filter}
          onChange={(option) => {
            setFilter(option)
            setPage(0)
          }}
        />
        {shown.pages > 1 ? (
          <div className="pager" role="group" aria-label="History pages">
            <button type="button" className="icon-btn" aria-label="Newer runs" disabled={shown.page === 0} onClick={() => setPage(shown.page - 1)}>
              <Icon name="chevronLeft" />
            </button>
            <span className="dim" aria-live="polite">
              {first}–{first + shown.rows.length - 1} of {shown.matching}
            </span>
            <button type="button" className="icon-btn" aria-label="Older runs" disabled={shown.page >= shown.pages - 1} onClick={() => setPage(shown.page + 1)}>
              <Icon name="chevronRight" />
            </button>
          </div>
        ) : null}
      </div>
      <div className="hist-wrap">
        {history.length === 0 ? (
          <div className="empty">No runs recorded yet.</div>
        ) : shown.rows.length === 0 ? (
          <div className="empty">No {filter === 'failures' ? 'failed' : 'manual'} runs among the {history.length} kept.</div>
        ) : (
          <table className="history">
            <thead>
              <tr>
                <th className="c-idx" title="Run number">#</th>
                <th className="c-time">time</th>
                <th className="c-dur num">duration</th>
                <th className="c-late num" title="How long after its due time the run started">late</th>
                <th className="c-trig">trigger</th>
                <th className="c-res">result</th>
                <th className="c-msg">message</th>
              </tr>
            </thead>
            <tbody>
              {shown.rows.map((run) => {
                const open = expanded === run.runIndex
                const what = run.success ? 'details' : 'error'
                return (
                  <Fragment key={`${run.runIndex}-${run.timestamp}`}>
                    <tr className={run.success ? 'ok' : 'fail'} data-run={run.runIndex}>
                      <td className="c-idx num dim">{run.runIndex}</td>
                      <td className="c-time mono" title={new Date(run.timestamp).toISOString()}>
                        {formatTimestamp(run.timestamp, now)}
                      </td>
                      <td className="c-dur num">{formatDuration(run.durationMs)}</td>
                      <td className="c-late num">{run.lateMs > 0 ? formatDuration(run.lateMs) : '—'}</td>
                      <td className="c-trig">{run.trigger}</td>
                      <td className="c-res">
                        <button
                          type="button"
                          className={`result ${run.success ? 'ok' : 'fail'}`}
                          aria-expanded={open}
                          // The visible result is part of the name (WCAG 2.5.3, label in name).
                          aria-label={`${open ? 'Hide' : 'Show'} ${what} of run ${run.runIndex}: ${run.success ? 'ok' : (run.error?.name ?? 'failed')}`}
                          onClick={() => setExpanded(open ? null : run.runIndex)}
                        >
                          <span className="result-text" title={run.success ? undefined : (run.error?.name ?? 'failed')}>
                            {run.success ? 'ok' : (run.error?.name ?? 'failed')}
                          </span>
                          <Icon name={open ? 'chevronDown' : 'chevronRight'} size={10} />
                        </button>
                      </td>
                      <td className="c-msg msg" title={run.message}>
                        {run.message}
                        {Object.keys(run.extra).length > 0 ? <span className="extra-hint" title={`${Object.keys(run.extra).length} extra: ${Object.keys(run.extra).join(', ')}`}>+{Object.keys(run.extra).length}</span> : null}
                      </td>
                    </tr>
                    {open ? (
                      <tr className="detail-row" ref={detailRef}>
                        <td colSpan={7}>
                          <RunDetails task={task} run={run} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                )
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  )
}
