import type { ReactElement } from 'react'
import { axisTicks, type TimeWindow } from './timeline-model.ts'
import { LABEL_WIDTH } from './timeline-lane.tsx'

const pad = (value: number): string => String(value).padStart(2, '0')

/** `12:03` for spans of minutes, `12:03:40` for spans of seconds, in local time. */
export function formatAxisTime(epochMs: number, span: number): string {
  const date = new Date(epochMs)
  const minutes = `${pad(date.getHours())}:${pad(date.getMinutes())}`
  return span > 600_000 ? minutes : `${minutes}:${pad(date.getSeconds())}`
}

/** The time axis over the lanes: round times, placed where the lanes draw them. */
export function TimelineAxis({ window, laneWidth }: { window: TimeWindow; laneWidth: number }): ReactElement {
  const start = window.end - window.span
  return (
    <div className="tl-axis" aria-hidden="true">
      <span className="tl-axis-label" style={{ width: LABEL_WIDTH }}>
        task
      </span>
      {axisTicks(window).map((t) => (
        <span key={t} className="tl-tick" style={{ left: LABEL_WIDTH + ((t - start) / window.span) * laneWidth }}>
          {formatAxisTime(t, window.span)}
        </span>
      ))}
    </div>
  )
}
