import type { KeyboardEvent, ReactElement } from 'react'
import { useLayoutEffect, useRef, useState } from 'react'
import { useSourceStore } from '../ui/source-context.tsx'
import { selectByKey, useRowVirtualizer } from '../ui/use-row-virtualizer.ts'
import type { PanelViewProps } from '../ui/view-types.ts'
import { TimelineAxis } from './timeline-axis.tsx'
import { TimelineControls } from './timeline-controls.tsx'
import { LABEL_WIDTH, LANE_HEIGHT, laneId, TimelineLane } from './timeline-lane.tsx'
import { TimelineTooltip } from './timeline-tooltip.tsx'
import { useTimelinePointer } from './use-timeline-pointer.ts'
import { useTimeWindow } from './use-time-window.ts'

/** Bar coordinates count from a round hour: small numbers for the SVG, and stable while the window moves. */
const ORIGIN_STEP = 3_600_000
/** Lane width before the first measurement (and where there is no layout). */
const FALLBACK_WIDTH = 600
/** Lanes draw this share of a window more than they show, to slide through before re-drawing. */
const SLIDE = 0.25

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
  const { virtualizer, selectedIndex } = useRowVirtualizer({
    names,
    selected,
    scrollRef,
    rowHeight: LANE_HEIGHT,
    overscan: 6,
    initialRect: { width: FALLBACK_WIDTH + LABEL_WIDTH, height: 320 },
  })

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
  // The drawn stretch moves on in steps of SLIDE windows; in between, lanes slide by a transform.
  const step = span * SLIDE
  const drawStart = Math.floor(viewStart / step) * step
  const shift = ((viewStart - drawStart) / span) * laneWidth
  // About 2 px: the shortest run and the smallest lateness drawn. Changes with the zoom only.
  const minWidth = (span / laneWidth) * 2
  const pointer = useTimelinePointer(
    scrollRef,
    store,
    time,
    { origin, laneWidth, minWidth },
    (name, runIndex) => {
      setFocusRun(runIndex)
      onInspect(name, runIndex)
    },
    (name) => {
      setFocusRun(null)
      onSelect(name)
    },
  )

  const moveRun = (direction: -1 | 1): void => {
    if (selected === null) return
    const history = store.getState().tasks[selected]?.history ?? []
    const at = focusRun === null ? -1 : history.findIndex((run) => run.runIndex === focusRun)
    const run = history[at < 0 ? history.length - 1 : Math.max(0, Math.min(history.length - 1, at + direction))]
    if (run === undefined) return
    setFocusRun(run.runIndex)
    // Keep the focused run in view.
    if (run.timestamp < end - span || run.timestamp > end) time.showEnding(run.timestamp + span / 2)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const onLane = (name: string): void => {
      setFocusRun(null)
      onSelect(name)
    }
    if (selectByKey(event, names, selectedIndex, LANE_HEIGHT, onLane)) return
    const act = (action: () => void): void => {
      event.preventDefault()
      action()
    }
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') act(() => moveRun(event.key === 'ArrowLeft' ? -1 : 1))
    else if (event.key === 'Enter' && selected !== null) act(() => onInspect(selected, focusRun ?? undefined))
    else if (event.key === '+' || event.key === '=') act(() => time.zoomBy(-1))
    else if (event.key === '-') act(() => time.zoomBy(1))
  }

  // The oldest kept run of the tasks listed: one look at each history's first entry.
  const fit = (): void => {
    const { tasks } = store.getState()
    let earliest = Infinity
    for (const name of names) earliest = Math.min(earliest, tasks[name]?.history[0]?.timestamp ?? Infinity)
    if (Number.isFinite(earliest)) time.fit(earliest)
  }

  const items = virtualizer.getVirtualItems()
  const tooltip = pointer.hover ?? (selected !== null && focusRun !== null ? { name: selected, runIndex: focusRun } : null)
  const laneTop = (name: string): number | undefined => items.find((item) => names[item.index] === name)?.start
  const nowLeft = time.now >= end - span && time.now <= end ? LABEL_WIDTH + ((time.now - (end - span)) / span) * laneWidth : null

  return (
    <div className="timeline" data-start={end - span} data-span={span}>
      <TimelineControls time={time} onFit={fit} />
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
          {...pointer.handlers}
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
                  drawStart={drawStart}
                  drawSpan={span * (1 + SLIDE)}
                  drawWidth={laneWidth * (1 + SLIDE)}
                  shift={shift}
                  minWidth={minWidth}
                  selected={name === selected}
                  focusRun={name === selected ? focusRun : null}
                />
              )
            })}
          </div>
        </div>
        {nowLeft !== null ? <div className="tl-now" style={{ transform: `translateX(${nowLeft}px)` }} aria-hidden="true" /> : null}
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
