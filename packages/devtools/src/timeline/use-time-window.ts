import { useCallback, useRef, useState, useSyncExternalStore } from 'react'
import { useEnvironment } from '../ui/environment.tsx'
import { useSourceState, useSourceStore } from '../ui/source-context.tsx'
import { DEFAULT_SPAN, MAX_SPAN, panWindow, ZOOM_SPANS, zoomStep, zoomWindow, type TimeWindow } from './timeline-model.ts'

/** The timeline's window and the ways to move it. */
export interface TimeWindowState extends TimeWindow {
  /** The source's "now", epoch ms. */
  now: number
  /** The window ends now and moves with it (not while live updates are paused). */
  following: boolean
  /** Zooms by a step (-1 in, +1 out), around the window's end. */
  zoomBy(direction: -1 | 1): void
  /** Zooms by `factor` around `anchor` (epoch ms): the wheel. */
  zoomAround(factor: number, anchor: number): void
  /** Moves by `delta` ms; reaching now follows it again. */
  pan(delta: number): void
  /** Shows the window ending at `end` (epoch ms). */
  showEnding(end: number): void
  /** Back to following now. */
  follow(): void
  /** Follows now with the smallest zoom step that reaches back to `earliest` (epoch ms). */
  fit(earliest: number): void
}

const noSubscribe = (): (() => void) => () => {}
const serverSnapshot = (): number => 0

/**
 * The window the timeline shows. Following "now", it moves on the panel's
 * shared ticker (a few times per second, not per frame); panned or zoomed
 * into the past, it stays put until the user comes back to now.
 */
export function useTimeWindow(initialSpan: number = DEFAULT_SPAN): TimeWindowState {
  const { ticker } = useEnvironment()
  const { source } = useSourceStore()
  const paused = useSourceState((state) => state.paused)
  const [span, setSpan] = useState(initialSpan)
  /** Where the window ends when it does not follow now; null while it follows. */
  const [pinned, setPinned] = useState<number | null>(null)
  const following = pinned === null && !paused
  useSyncExternalStore(following ? ticker.subscribe : noSubscribe, ticker.getSnapshot, serverSnapshot)
  const liveNow = source.now?.() ?? Date.now()
  // While updates are paused the data is frozen: so is the window.
  const frozen = useRef(liveNow)
  if (!paused) frozen.current = liveNow
  const now = frozen.current
  const end = pinned ?? now
  const latest = useRef({ end, span, now })
  latest.current = { end, span, now }

  const moveTo = useCallback((window: TimeWindow) => {
    setSpan(window.span)
    setPinned(window.end >= latest.current.now ? null : window.end)
  }, [])
  const current = (): TimeWindow => ({ end: latest.current.end, span: latest.current.span })

  return {
    end,
    span,
    now,
    following,
    zoomBy: useCallback((direction) => moveTo({ end: latest.current.end, span: zoomStep(latest.current.span, direction) }), [moveTo]),
    zoomAround: useCallback((factor, anchor) => moveTo(zoomWindow(current(), factor, anchor)), [moveTo]),
    pan: useCallback((delta) => moveTo(panWindow(current(), delta, latest.current.now)), [moveTo]),
    showEnding: useCallback((windowEnd) => moveTo({ end: windowEnd, span: latest.current.span }), [moveTo]),
    follow: useCallback(() => setPinned(null), []),
    fit: useCallback((earliest) => {
      const wanted = (latest.current.now - earliest) * 1.05
      setSpan(ZOOM_SPANS.find((step) => step >= wanted) ?? MAX_SPAN)
      setPinned(null)
    }, []),
  }
}
