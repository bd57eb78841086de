import type { RunSummary } from '@tickwork/core'

/** The stretch of time the timeline shows: the `span` ms that end at `end` (epoch ms). */
export interface TimeWindow {
  end: number
  span: number
}

/** How a run ended, as the timeline colours it. */
export type RunKind = 'ok' | 'fail' | 'timeout'

/** One run as a bar, in ms relative to the timeline's origin. */
export interface RunBar {
  runIndex: number
  /** When the run was due (its start minus its lateness). */
  due: number
  start: number
  /** At least `start + minWidth`, so a 1 ms run stays visible and clickable. */
  end: number
  kind: RunKind
  manual: boolean
  /** The run started late by more than a pixel's worth of time: draw the gap. */
  late: boolean
}

/** The spans the zoom steps through, in ms: 10 s to 2 h. */
export const ZOOM_SPANS: readonly number[] = [10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000, 7_200_000]
/** The default: the last 5 minutes. */
export const DEFAULT_SPAN = 300_000
export const MIN_SPAN: number = ZOOM_SPANS[0] ?? 10_000
export const MAX_SPAN: number = ZOOM_SPANS.at(-1) ?? 7_200_000

/** The kind of a run: a time-out is a failure of its own colour. */
export function runKind(summary: RunSummary): RunKind {
  if (summary.success) return 'ok'
  return summary.error?.name === 'TimeoutError' ? 'timeout' : 'fail'
}

/**
 * The bars of a task's runs, oldest first, relative to `origin`. `minWidth`
 * (ms) keeps short runs visible at any zoom; a lateness below it is not drawn.
 */
export function runBars(history: readonly RunSummary[], origin: number, minWidth: number): RunBar[] {
  return history.map((summary) => {
    const start = summary.timestamp - origin
    return {
      runIndex: summary.runIndex,
      due: start - summary.lateMs,
      start,
      end: start + Math.max(summary.durationMs, minWidth),
      kind: runKind(summary),
      manual: summary.trigger === 'manual',
      late: summary.lateMs >= minWidth,
    }
  })
}

/** Skip marks drawn in one gap at most: a long pause must not draw thousands of them. */
const MAX_MARKS_PER_GAP = 50

/**
 * The slots a fixed-rate schedule skipped, relative to `origin`: the grid of
 * due times between two scheduled runs that has holes. Other schedules skip
 * nothing (a fixed delay counts from each run's end). The history holds no
 * record of a skip, so they are read off the due times the runs carry.
 */
export function skippedSlots(history: readonly RunSummary[], interval: number | null, schedule: string, origin: number): number[] {
  if (interval === null || interval <= 0 || !schedule.includes('fixed rate')) return []
  const slots: number[] = []
  let previous: number | undefined
  for (const summary of history) {
    if (summary.trigger !== 'schedule') continue
    const due = summary.timestamp - summary.lateMs
    if (previous !== undefined) {
      const missed = Math.round((due - previous) / interval) - 1
      for (let k = 1; k <= Math.min(missed, MAX_MARKS_PER_GAP); k++) slots.push(previous + k * interval - origin)
    }
    previous = due
  }
  return slots
}

/**
 * The bar under time `t` (relative to the origin), or the nearest one within
 * `tolerance` ms of it; `undefined` when none is that close. Bars are oldest first.
 */
export function hitTest(bars: readonly RunBar[], t: number, tolerance: number): RunBar | undefined {
  let best: RunBar | undefined
  let bestDistance = Infinity
  for (const bar of bars) {
    const distance = t < bar.start ? bar.start - t : t > bar.end ? t - bar.end : 0
    if (distance <= tolerance && distance < bestDistance) {
      best = bar
      bestDistance = distance
    }
  }
  return best
}

const clampSpan = (span: number): number => Math.min(MAX_SPAN, Math.max(MIN_SPAN, span))

/**
 * The window zoomed by `factor` (< 1 zooms in) around `anchor` (epoch ms),
 * which stays where it is on screen. The span stays within {@link MIN_SPAN}..{@link MAX_SPAN}.
 */
export function zoomWindow(window: TimeWindow, factor: number, anchor: number = window.end): TimeWindow {
  const span = clampSpan(window.span * factor)
  const start = window.end - window.span
  const ratio = window.span === 0 ? 1 : Math.min(1, Math.max(0, (anchor - start) / window.span))
  const newStart = anchor - ratio * span
  return { end: newStart + span, span }
}

/** The next zoom step in (`direction` -1) or out (+1) from `span`. */
export function zoomStep(span: number, direction: -1 | 1): number {
  if (direction < 0) return [...ZOOM_SPANS].reverse().find((step) => step < span - 1) ?? MIN_SPAN
  return ZOOM_SPANS.find((step) => step > span + 1) ?? MAX_SPAN
}

/** The window moved by `delta` ms (negative: back in time), never past `latest`. */
export function panWindow(window: TimeWindow, delta: number, latest: number): TimeWindow {
  return { span: window.span, end: Math.min(latest, window.end + delta) }
}

/** Tick marks of the time axis: about `count` round times within the window (epoch ms). */
export function axisTicks(window: TimeWindow, count = 6): number[] {
  const steps = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000]
  const step = steps.find((candidate) => window.span / candidate <= count) ?? 3_600_000
  const start = window.end - window.span
  const ticks: number[] = []
  for (let t = Math.ceil(start / step) * step; t <= window.end; t += step) ticks.push(t)
  return ticks
}
