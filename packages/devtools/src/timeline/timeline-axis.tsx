import type { ReactElement } from 'react'
import { axisTicks, type TimeWindow } from './timeline-model.ts'
import { LABEL_WIDTH } from './timeline-lane.tsx'

const pad = (value: number): string => String(value).padStart(2, '0')

/** `12:03` on whole minutes (`seconds: false`), else `12:03:40`, in local time. */
export function formatAxisTime(epochMs: number, seconds = true): string {
  const date = new Date(epochMs)
  const minutes = `${pad(date.getHours())}:${pad(date.getMinutes())}`
  return seconds ? `${minutes}:${pad(date.getSeconds())}` : minutes
}

/** Room one tick label needs, px. */
const TICK_ROOM = 84

/** The time axis over the lanes: round times, placed where the lanes draw them. */
export function TimelineAxis({ window, laneWidth }: { window: TimeWindow; laneWidth: number }): ReactElement {
  const start = window.end - window.span
  // Labels are centred on their tick: keep those that would spill out of the lanes.
  const x = (t: number): number => ((t - start) / window.span) * laneWidth
  const ticks = axisTicks(window, Math.max(2, Math.floor(laneWidth / TICK_ROOM))).filter((t) => x(t) >= TICK_ROOM / 2 - 8 && x(t) <= laneWidth - TICK_ROOM / 2 + 8)
  const seconds = ticks.some((t) => t % 60_000 !== 0)
  return (
    <div className="tl-axis" aria-hidden="true">
      <span className="tl-axis-label" style={{ width: LABEL_WIDTH }}>
        task
      </span>
      {ticks.map((t) => (
        <span key={t} className="tl-tick" style={{ left: LABEL_WIDTH + x(t) }}>
          {formatAxisTime(t, seconds)}
        </span>
      ))}
    </div>
  )
}
