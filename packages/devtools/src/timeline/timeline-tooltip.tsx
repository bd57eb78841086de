import type { ReactElement } from 'react'
import { useTaskView } from '../ui/source-context.tsx'
import { runSummaryLines } from './run-summary-text.ts'
import { LABEL_WIDTH, LANE_HEIGHT } from './timeline-lane.tsx'
import type { TimeWindow } from './timeline-model.ts'

/** The run a tooltip describes. */
export interface TooltipTarget {
  name: string
  /** Null: the pointer is over the lane, not over a run. */
  runIndex: number | null
}

/** Props of {@link TimelineTooltip}. */
export interface TimelineTooltipProps {
  target: TooltipTarget | null
  window: TimeWindow
  laneWidth: number
  /** The lane's offset in the scrolled list (undefined when it is not rendered). */
  laneTop: number | undefined
  scrollTop: number
  /** Height of the lanes' viewport: near its bottom the tooltip goes above the lane. */
  viewportHeight: number
}

/** Room a tooltip needs below its lane, px. */
const TIP_HEIGHT = 64

/** The summary of the run under the pointer (or with keyboard focus), placed under its bar. */
export function TimelineTooltip({ target, window, laneWidth, laneTop, scrollTop, viewportHeight }: TimelineTooltipProps): ReactElement | null {
  const view = useTaskView(target?.name ?? '')
  if (target === null || target.runIndex === null || view === undefined || laneTop === undefined) return null
  const run = view.history.find((summary) => summary.runIndex === target.runIndex)
  if (run === undefined) return null
  const start = window.end - window.span
  const x = LABEL_WIDTH + ((run.timestamp - start) / window.span) * laneWidth
  const left = Math.min(LABEL_WIDTH + laneWidth - 120, Math.max(LABEL_WIDTH + 120, x))
  const [head, ...rest] = runSummaryLines(target.name, run)
  const below = laneTop - scrollTop + LANE_HEIGHT + 2
  const top = viewportHeight > 0 && below + TIP_HEIGHT > viewportHeight ? Math.max(0, laneTop - scrollTop - TIP_HEIGHT - 2) : below
  return (
    <div className={`tl-tip tl-tip-${run.success ? 'ok' : 'fail'}`} role="tooltip" style={{ left, top }}>
      <strong>{head}</strong>
      {rest.map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  )
}
