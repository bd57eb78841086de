import type { MouseEvent, PointerEvent, RefObject } from 'react'
import { useEffect, useRef, useState } from 'react'
import type { SourceStore } from '../store/source-store.ts'
import { LABEL_WIDTH } from './timeline-lane.tsx'
import { hitTest, runBars } from './timeline-model.ts'
import type { TooltipTarget } from './timeline-tooltip.tsx'
import type { TimeWindowState } from './use-time-window.ts'

/** A drag shorter than this (px) is a click. */
const DRAG_THRESHOLD = 4
/** Bars within this many px of the pointer count as under it. */
const HIT_SLOP_PX = 4

/** What the pointer needs to know of the timeline as drawn. */
export interface TimelineGeometry {
  /** Bar coordinates count from this epoch ms. */
  origin: number
  /** Width of a lane's drawing, px. */
  laneWidth: number
  minWidth: number
}

/** The pointer's handlers for the lanes' scroll box, and the run it hovers. */
export interface TimelinePointer {
  hover: TooltipTarget | null
  handlers: {
    onPointerDown(event: PointerEvent<HTMLDivElement>): void
    onPointerMove(event: PointerEvent<HTMLDivElement>): void
    onPointerUp(): void
    onPointerLeave(): void
    onClick(event: MouseEvent<HTMLDivElement>): void
  }
}

/**
 * Mouse and wheel on the timeline: hover shows a run's summary, a click opens
 * it (or selects the task, beside its bars), a drag or a sideways wheel pans,
 * Ctrl/⌘ + wheel zooms around the pointer.
 */
export function useTimelinePointer(
  scrollRef: RefObject<HTMLDivElement | null>,
  store: SourceStore['store'],
  time: TimeWindowState,
  geometry: TimelineGeometry,
  onRun: (name: string, runIndex: number) => void,
  onLane: (name: string) => void,
): TimelinePointer {
  const [hover, setHover] = useState<TooltipTarget | null>(null)
  const drag = useRef<{ x: number; end: number; moved: boolean } | null>(null)
  const { end, span } = time
  const msPerPx = span / geometry.laneWidth

  /** The run under a pointer event, with its task. */
  const runAt = (target: EventTarget, clientX: number): TooltipTarget | null => {
    if (!(target instanceof Element)) return null
    const lane = target.closest<HTMLElement>('[data-task]')
    const name = lane?.dataset['task']
    if (lane == null || name === undefined) return null
    const explicit = target.closest('[data-run]')?.getAttribute('data-run')
    if (explicit != null) return { name, runIndex: Number(explicit) }
    // Beside a bar: the nearest one within a few px (short runs are thin).
    const svg = lane.querySelector('svg')
    const box = svg?.getBoundingClientRect()
    const drawn = svg?.viewBox.baseVal
    if (box === undefined || drawn == null || box.width === 0) return { name, runIndex: null }
    const t = drawn.x + ((clientX - box.left) / box.width) * drawn.width
    const history = store.getState().tasks[name]?.history ?? []
    return { name, runIndex: hitTest(runBars(history, geometry.origin, geometry.minWidth), t, HIT_SLOP_PX * msPerPx)?.runIndex ?? null }
  }

  // React's wheel listener is passive, so preventDefault needs one of our own.
  const wheel = useRef<(event: WheelEvent) => void>(() => {})
  wheel.current = (event) => {
    const element = scrollRef.current
    if (element === null) return
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault()
      const left = element.getBoundingClientRect().left + LABEL_WIDTH
      const anchor = end - span + Math.min(1, Math.max(0, (event.clientX - left) / geometry.laneWidth)) * span
      time.zoomAround(event.deltaY > 0 ? 1.25 : 0.8, anchor)
    } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      event.preventDefault()
      time.pan((event.shiftKey ? event.deltaY : event.deltaX) * msPerPx)
    }
  }
  useEffect(() => {
    const element = scrollRef.current
    if (element === null) return
    const listener = (event: WheelEvent): void => wheel.current(event)
    element.addEventListener('wheel', listener, { passive: false })
    return () => element.removeEventListener('wheel', listener)
  }, [scrollRef])

  return {
    hover,
    handlers: {
      onPointerDown(event) {
        if (event.button === 0) drag.current = { x: event.clientX, end, moved: false }
      },
      onPointerMove(event) {
        const dragging = drag.current
        if (dragging !== null && (event.buttons & 1) === 1) {
          const dx = event.clientX - dragging.x
          if (dragging.moved || Math.abs(dx) > DRAG_THRESHOLD) {
            dragging.moved = true
            setHover(null)
            time.showEnding(dragging.end - dx * msPerPx)
            return
          }
        }
        const hit = runAt(event.target, event.clientX)
        const next = hit?.runIndex == null ? null : hit
        if (next?.name !== hover?.name || next?.runIndex !== hover?.runIndex) setHover(next)
      },
      onPointerUp() {
        // The click that follows a drag must not open a run: the flag stays until then.
        if (drag.current !== null && !drag.current.moved) drag.current = null
      },
      onPointerLeave() {
        setHover(null)
      },
      onClick(event) {
        const dragged = drag.current?.moved === true
        drag.current = null
        if (dragged) return
        const hit = runAt(event.target, event.clientX)
        if (hit === null) return
        if (hit.runIndex === null) onLane(hit.name)
        else onRun(hit.name, hit.runIndex)
      },
    },
  }
}
