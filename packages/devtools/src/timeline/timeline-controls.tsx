import type { ReactElement } from 'react'
import { formatDuration } from '../format.ts'
import { Icon } from '../ui/icons.tsx'
import { formatAxisTime } from './timeline-axis.tsx'
import { MAX_SPAN, MIN_SPAN } from './timeline-model.ts'
import type { TimeWindowState } from './use-time-window.ts'

const LEGEND: readonly { className: string; text: string; title: string }[] = [
  { className: 'tl-ok', text: 'ok', title: 'A run that succeeded' },
  { className: 'tl-fail', text: 'failed', title: 'A run that failed' },
  { className: 'tl-timeout', text: 'timed out', title: 'A run aborted by its timeout (capped bar)' },
  { className: 'tl-late', text: 'late', title: 'The line before a bar: from when the run was due to when it started' },
  { className: 'tl-skip', text: 'skipped', title: 'A fixed-rate slot skipped because a run was late' },
  { className: 'tl-manual', text: 'manual', title: 'A run asked for by hand (outlined)' },
]

/** Zoom, pan and "now" buttons of the timeline, with its legend. */
export function TimelineControls({ time, onFit }: { time: TimeWindowState; onFit: () => void }): ReactElement {
  const where = time.following ? `last ${formatDuration(time.span)}` : `${formatDuration(time.span)} to ${formatAxisTime(time.end)}`
  const step = time.span / 2
  return (
    <div className="tl-controls" role="toolbar" aria-label="Timeline controls">
      <button type="button" className="icon-btn" aria-label="Zoom out" title="Zoom out (−, or Ctrl/⌘ + wheel)" disabled={time.span >= MAX_SPAN} onClick={() => time.zoomBy(1)}>
        −
      </button>
      <output className="tl-span" aria-live="polite" aria-label="Time shown">
        {where}
      </output>
      <button type="button" className="icon-btn" aria-label="Zoom in" title="Zoom in (+, or Ctrl/⌘ + wheel)" disabled={time.span <= MIN_SPAN} onClick={() => time.zoomBy(-1)}>
        +
      </button>
      <button type="button" className="icon-btn" aria-label="Earlier" title="Scroll back in time (or Shift + wheel, or drag)" onClick={() => time.pan(-step)}>
        <Icon name="chevronLeft" />
      </button>
      <button type="button" className="icon-btn" aria-label="Later" title="Scroll forward in time" disabled={time.following} onClick={() => time.pan(step)}>
        <Icon name="chevronRight" />
      </button>
      <button type="button" className={`btn tl-now-btn${time.following ? ' on' : ''}`} aria-pressed={time.following} aria-label="Follow now" title="Keep the window on the latest runs" onClick={time.follow}>
        Now
      </button>
      <button type="button" className="btn" aria-label="Fit the kept runs" title="Zoom to show every kept run of the tasks listed" onClick={onFit}>
        Fit
      </button>
      <span className="tl-legend" aria-label="Legend">
        {LEGEND.map((entry) => (
          <span key={entry.className} className="tl-key" title={entry.title}>
            <span className={`tl-swatch ${entry.className}`} aria-hidden="true" />
            {entry.text}
          </span>
        ))}
      </span>
    </div>
  )
}
