import type { NamedExoticComponent, ReactElement } from 'react'
import { memo, useMemo } from 'react'
import { useTaskView } from '../ui/source-context.tsx'
import { runBars, skippedSlots, type RunBar } from './timeline-model.ts'

/** Height of one swimlane, in CSS px. */
export const LANE_HEIGHT = 24
/** Width of the task-name column, in CSS px. */
export const LABEL_WIDTH = 168

const BAR_Y = 5
const BAR_HEIGHT = LANE_HEIGHT - 2 * BAR_Y

/** Props of {@link TimelineLane}. */
export interface TimelineLaneProps {
  name: string
  /** Offset of the lane in the scrolled list, px. */
  top: number
  /** Epoch ms that bar coordinates count from. */
  origin: number
  /** The stretch the SVG draws, relative to `origin` (ms): a little more than the visible window. */
  drawStart: number
  drawSpan: number
  /** The SVG's width, px, and how far it is moved left to show the visible window. */
  drawWidth: number
  shift: number
  /** Shortest bar drawn, ms (about 2 px at this zoom). */
  minWidth: number
  selected: boolean
  /** The run with keyboard focus in this lane, or null. */
  focusRun: number | null
}

/**
 * Every bar of one task, drawn once per change of its history (or of the
 * zoom): React skips the memoised bars when only the window moves. The SVG's
 * coordinates are ms since `origin`, stretched to its width
 * (`preserveAspectRatio="none"`).
 */
function Bars({ bars, skips, minWidth }: { bars: readonly RunBar[]; skips: readonly number[]; minWidth: number }): ReactElement {
  return (
    <>
      {skips.map((t) => (
        <rect key={`s${t}`} className="tl-skip" x={t - minWidth / 4} width={minWidth / 2} y={1} height={LANE_HEIGHT - 2} />
      ))}
      {bars.map((bar) => (
        <g key={bar.runIndex}>
          {bar.late ? <rect className="tl-late" x={bar.due} width={bar.start - bar.due} y={LANE_HEIGHT / 2 - 1} height={2} /> : null}
          <rect
            className={`tl-bar tl-${bar.kind}${bar.manual ? ' tl-manual' : ''}`}
            data-run={bar.runIndex}
            data-kind={bar.kind}
            x={bar.start}
            width={bar.end - bar.start}
            y={BAR_Y}
            height={BAR_HEIGHT}
          />
          {bar.kind === 'timeout' ? <rect className="tl-cap" x={bar.end - minWidth} width={minWidth} y={BAR_Y - 3} height={BAR_HEIGHT + 6} /> : null}
        </g>
      ))}
    </>
  )
}

/**
 * One swimlane: the task's name, then its runs. The SVG draws a stretch a bit
 * wider than the window and slides under a clip by a CSS transform, so the
 * live window moving costs the compositor, not a repaint of every lane; only
 * when the slide runs out is the stretch (the `viewBox`) moved on.
 */
export const TimelineLane: NamedExoticComponent<TimelineLaneProps> = memo(function TimelineLane({ name, top, origin, drawStart, drawSpan, drawWidth, shift, minWidth, selected, focusRun }: TimelineLaneProps): ReactElement | null {
  const view = useTaskView(name)
  const history = view?.history
  const interval = view?.config.interval ?? null
  const schedule = view?.config.schedule ?? ''
  const bars = useMemo(() => (history === undefined ? [] : runBars(history, origin, minWidth)), [history, origin, minWidth])
  const skips = useMemo(() => (history === undefined ? [] : skippedSlots(history, interval, schedule, origin)), [history, interval, schedule, origin])
  const drawn = useMemo(() => <Bars bars={bars} skips={skips} minWidth={minWidth} />, [bars, skips, minWidth])
  if (view === undefined) return null
  const focused = focusRun === null ? undefined : bars.find((bar) => bar.runIndex === focusRun)
  const failed = bars.reduce((count, bar) => count + (bar.kind === 'ok' ? 0 : 1), 0)
  return (
    <div
      id={laneId(name)}
      className={`tl-lane${selected ? ' selected' : ''}`}
      role="option"
      aria-selected={selected}
      aria-label={`${name}: ${bars.length} runs kept, ${failed} failed${skips.length > 0 ? `, ${skips.length} skipped slots` : ''}`}
      data-task={name}
      style={{ transform: `translateY(${top}px)` }}
    >
      <span className="tl-name" title={name}>
        {name}
      </span>
      <span className="tl-clip">
        <svg
          className="tl-svg"
          width={drawWidth}
          height={LANE_HEIGHT}
          viewBox={`${drawStart} 0 ${drawSpan} ${LANE_HEIGHT}`}
          preserveAspectRatio="none"
          aria-hidden="true"
          style={{ transform: `translateX(${-shift}px)` }}
        >
          {drawn}
          {focused !== undefined ? <rect className="tl-focus" x={focused.start} width={focused.end - focused.start} y={1} height={LANE_HEIGHT - 2} /> : null}
        </svg>
      </span>
    </div>
  )
})

/** DOM id of a task's lane (for `aria-activedescendant`): task names may hold any character, ids may not hold spaces. */
export function laneId(name: string): string {
  return `tw-lane-${name.replace(/[^\w-]/g, (char) => `_${char.codePointAt(0)?.toString(16)}`)}`
}
