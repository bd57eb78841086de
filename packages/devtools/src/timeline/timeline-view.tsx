import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import type { KeyboardEvent, MouseEvent, PointerEvent, ReactElement } from 'react'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useSourceStore } from '../ui/source-context.tsx'
import type { PanelViewProps } from '../ui/views.ts'
import { TimelineAxis } from './timeline-axis.tsx'
import { TimelineControls } from './timeline-controls.tsx'
import { LABEL_WIDTH, LANE_HEIGHT, laneId, TimelineLane } from './timeline-lane.tsx'
import { hitTest, runBars } from './timeline-model.ts'
import { TimelineTooltip, type TooltipTarget } from './timeline-tooltip.tsx'
import { useTimeWindow } from './use-time-window.ts'

/** Bar coordinates count from a round hour: small numbers for the SVG, and stable while the window moves. */
const ORIGIN_STEP = 3_600_000
/** Lane width before the first measurement (and where there is no layout). */
const FALLBACK_WIDTH = 600
/** A drag shorter than this (px) is a click. */
const DRAG_THRESHOLD = 4
/** Bars within this many px of the pointer count as under it. */
const HIT_SLOP_PX = 4

/**
 * The timeline view: one swimlane per task (the names the toolbar lets
 * through), one bar per kept run. Lanes are virtualised; each draws its bars
 * in one SVG, re-drawn only when its task changes or the zoom does.
 */
export function TimelineView({ names, selected, onSelect, onInspect }: PanelViewProps): ReactElement {
  const { store } = useSourceStore()
  const time = useTimeWindow()
  const scrollRef = useRef<HTMLDivElement>(null)
  const [laneWidth, setLaneWidth] = useState(FALLBACK_WIDTH)
  const [focusRun, setFocusRun] = useState<number | null>(null)
  const [hover, setHover] = useState<TooltipTarget | null>(null)
  const drag = useRef<{ x: number; end: number; moved: boolean } | null>(null)

  const selectedIndex = selected === null ? -1 : names.indexOf(selected)
  const selectedRef = useRef(selectedIndex)
  selectedRef.current = selectedIndex
  const rangeExtractor = useCallback((range: Range): number[] => {
    const indexes = defaultRangeExtractor(range)
    const keep = selectedRef.current
    return keep >= 0 && !indexes.includes(keep) ? [...indexes, keep].sort((a, b) => a - b) : indexes
  }, [])
  const virtualizer = useVirtualizer({
    count: names.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LANE_HEIGHT,
    overscan: 6,
    rangeExtractor,
    initialRect: { width: FALLBACK_WIDTH + LABEL_WIDTH, height: 320 },
    getItemKey: (index) => names[index] ?? index,
  })

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' })
  }, [selectedIndex, virtualizer])

  useLayoutEffect(() => {
    const element = scrollRef.current
    if (element === null) return
    const measure = (): void => {
      const width = element.clientWidth - LABEL_WIDTH
      if (width > 0) setLaneWidth(width)
    }
    measure()
    const Observer = (globalThis as { ResizeObserver?: typeof ResizeObserver }).ResizeObserver
    if (Observer === undefined) return
    const observer = new Observer(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const { end, span } = time
  const origin = Math.floor((end - span) / ORIGIN_STEP) * ORIGIN_STEP
  const viewStart = end - span - origin
  // About 2 px: the shortest run and the smallest lateness drawn. Changes with the zoom only.
  const minWidth = (span / laneWidth) * 2
  const msPerPx = span / laneWidth

  /** The run under a pointer event, with its task. */
  const runAt = (target: EventTarget, clientX: number): TooltipTarget | null => {
    if (!(target instanceof Element)) return null
    const lane = target.closest<HTMLElement>('[data-task]')
    const name = lane?.dataset['task']
    if (lane == null || name === undefined) return null
    const history = store.getState().tasks[name]?.history ?? []
    const explicit = target.closest('[data-run]')?.getAttribute('data-run')
    let runIndex = explicit == null ? undefined : Number(explicit)
    if (runIndex === undefined) {
      const svg = lane.querySelector('svg')?.getBoundingClientRect()
      if (svg === undefined || svg.width === 0) return { name, runIndex: null }
      const t = viewStart + ((clientX - svg.left) / svg.width) * span
      runIndex = hitTest(runBars(history, origin, minWidth), t, HIT_SLOP_PX * msPerPx)?.runIndex
    }
    return { name, runIndex: runIndex ?? null }
  }

  // The wheel zooms with Ctrl/⌘ and pans sideways; React's wheel listener is passive, so preventDefault needs our own.
  const wheel = useRef<(event: WheelEvent) => void>(() => {})
  wheel.current = (event) => {
    const element = scrollRef.current
    if (element === null) return
    const pointerTime = (): number => {
      const left = element.getBoundingClientRect().left + LABEL_WIDTH
      return end - span + Math.min(1, Math.max(0, (event.clientX - left) / laneWidth)) * span
    }
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault()
      time.zoomAround(event.deltaY > 0 ? 1.25 : 0.8, pointerTime())
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
  }, [])

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button === 0) drag.current = { x: event.clientX, end, moved: false }
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
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
  }
  const onPointerUp = (): void => {
    // The click that follows a drag must not open a run: keep the flag until then.
    if (drag.current !== null && !drag.current.moved) drag.current = null
  }
  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    const dragged = drag.current?.moved === true
    drag.current = null
    if (dragged) return
    const hit = runAt(event.target, event.clientX)
    if (hit === null) return
    if (hit.runIndex === null) {
      onSelect(hit.name)
      setFocusRun(null)
      return
    }
    setFocusRun(hit.runIndex)
    onInspect(hit.name, hit.runIndex)
  }

  const moveRun = (direction: -1 | 1): void => {
    if (selected === null) return
    const history = store.getState().tasks[selected]?.history ?? []
    if (history.length === 0) return
    const at = focusRun === null ? -1 : history.findIndex((run) => run.runIndex === focusRun)
    const index = at < 0 ? history.length - 1 : Math.max(0, Math.min(history.length - 1, at + direction))
    const run = history[index]
    if (run === undefined) return
    setFocusRun(run.runIndex)
    // Keep the focused run in view.
    if (run.timestamp < end - span || run.timestamp > end) time.showEnding(run.timestamp + span / 2)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const moveLane = (index: number): void => {
      event.preventDefault()
      const name = names[Math.max(0, Math.min(names.length - 1, index))]
      if (name === undefined) return
      setFocusRun(null)
      onSelect(name)
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 320) / LANE_HEIGHT) - 1)
    switch (event.key) {
      case 'ArrowDown':
        return moveLane(selectedIndex + 1)
      case 'ArrowUp':
        return moveLane(selectedIndex < 0 ? 0 : selectedIndex - 1)
      case 'Home':
        return moveLane(0)
      case 'End':
        return moveLane(names.length - 1)
      case 'PageDown':
        return moveLane(selectedIndex + page)
      case 'PageUp':
        return moveLane(selectedIndex - page)
      case 'ArrowLeft':
      case 'ArrowRight':
        event.preventDefault()
        return moveRun(event.key === 'ArrowLeft' ? -1 : 1)
      case 'Enter':
        if (selected === null) return
        event.preventDefault()
        return onInspect(selected, focusRun ?? undefined)
      case '+':
      case '=':
        event.preventDefault()
        return time.zoomBy(-1)
      case '-':
        event.preventDefault()
        return time.zoomBy(1)
    }
  }

  const items = virtualizer.getVirtualItems()
  const tooltip = hover ?? (selected !== null && focusRun !== null ? { name: selected, runIndex: focusRun } : null)
  const laneTop = (name: string): number | undefined => items.find((item) => names[item.index] === name)?.start
  const nowLeft = time.now >= end - span && time.now <= end ? LABEL_WIDTH + ((time.now - (end - span)) / span) * laneWidth : null

  return (
    <div className="timeline">
      <TimelineControls time={time} />
      <TimelineAxis window={{ end, span }} laneWidth={laneWidth} />
      <div className="tl-body">
        <div
          ref={scrollRef}
          className="tl-scroll"
          role="listbox"
          tabIndex={0}
          aria-label="Timeline of runs (arrow keys: up and down move between tasks, left and right between runs; Enter opens the inspector; + and − zoom)"
          aria-activedescendant={selected !== null && selectedIndex >= 0 ? laneId(selected) : undefined}
          onKeyDown={onKeyDown}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerLeave={() => setHover(null)}
          onClick={onClick}
        >
          {names.length === 0 ? <div className="empty">No tasks match.</div> : null}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const name = names[item.index]
              if (name === undefined) return null
              return (
                <TimelineLane
                  key={name}
                  name={name}
                  top={item.start}
                  origin={origin}
                  viewStart={viewStart}
                  span={span}
                  minWidth={minWidth}
                  selected={name === selected}
                  focusRun={name === selected ? focusRun : null}
                />
              )
            })}
          </div>
        </div>
        {nowLeft !== null ? <div className="tl-now" style={{ left: nowLeft }} aria-hidden="true" /> : null}
        <TimelineTooltip
          target={tooltip}
          window={{ end, span }}
          laneWidth={laneWidth}
          laneTop={tooltip === null ? undefined : laneTop(tooltip.name)}
          scrollTop={scrollRef.current?.scrollTop ?? 0}
          viewportHeight={scrollRef.current?.clientHeight ?? 0}
        />
      </div>
    </div>
  )
}
