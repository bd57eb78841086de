import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import type { KeyboardEvent, ReactElement } from 'react'
import { useCallback, useEffect, useRef } from 'react'
import { ROW_HEIGHT, TaskRow } from './task-row.tsx'

/** Props of {@link TaskList}. */
export interface TaskListProps {
  /** Names to show, already filtered and sorted. */
  names: readonly string[]
  selected: string | null
  onSelect: (name: string) => void
  /** Enter on the selected row. */
  onOpen: (name: string) => void
  /** A click on a row: selects it and opens the inspector. */
  onRowClick: (name: string) => void
}

// Each heading with what its numbers mean: the list's cells are bare numbers.
const HEADINGS: readonly (readonly [string, string])[] = [
  ['task', 'Task name'],
  ['level', 'Importance level'],
  ['state', 'scheduled, running (a run in flight), paused, stalled, idle, stopped, completed or failed'],
  ['interval', 'Time between runs (or the schedule)'],
  ['next run', 'Time to the next run'],
  ['last', 'Duration of the last run'],
  ['success', 'Share of successful runs'],
  ['runs', 'Runs / failed runs'],
  ['recent', 'Durations of recent runs; red dots are failures'],
]

/**
 * The virtualised task list: only rows in view (plus a few, plus the selected
 * one, so keyboard focus survives scrolling) are mounted.
 */
export function TaskList({ names, selected, onSelect, onOpen, onRowClick }: TaskListProps): ReactElement {
  const scrollRef = useRef<HTMLDivElement>(null)
  const selectedIndex = selected === null ? -1 : names.indexOf(selected)
  const selectedRef = useRef(selectedIndex)
  selectedRef.current = selectedIndex

  const rangeExtractor = useCallback((range: Range): number[] => {
    const indexes = defaultRangeExtractor(range)
    const keep = selectedRef.current
    if (keep >= 0 && !indexes.includes(keep)) return [...indexes, keep].sort((a, b) => a - b)
    return indexes
  }, [])

  const virtualizer = useVirtualizer({
    count: names.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    rangeExtractor,
    // Before the first measurement (and in DOMs without layout) assume a panel-sized viewport.
    initialRect: { width: 800, height: 320 },
    getItemKey: (index) => names[index] ?? index,
  })

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' })
  }, [selectedIndex, virtualizer])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (names.length === 0) return
    const move = (index: number): void => {
      event.preventDefault()
      const name = names[Math.max(0, Math.min(names.length - 1, index))]
      if (name !== undefined) onSelect(name)
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 320) / ROW_HEIGHT) - 1)
    if (event.key === 'ArrowDown') move(selectedIndex + 1)
    else if (event.key === 'ArrowUp') move(selectedIndex < 0 ? 0 : selectedIndex - 1)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(names.length - 1)
    else if (event.key === 'PageDown') move(selectedIndex + page)
    else if (event.key === 'PageUp') move(selectedIndex - page)
    else if (event.key === 'Enter' && selected !== null) {
      event.preventDefault()
      onOpen(selected)
    }
  }

  return (
    <div className="list">
      <div className="list-head row" aria-hidden="true">
        {HEADINGS.map(([heading, title]) => (
          <span key={heading} className="cell" title={title}>
            {heading}
          </span>
        ))}
      </div>
      <div
        ref={scrollRef}
        className="list-scroll"
        role="listbox"
        tabIndex={0}
        aria-label="Tasks (arrow keys move, Enter opens the inspector)"
        aria-activedescendant={selected !== null && selectedIndex >= 0 ? `tw-row-${selected}` : undefined}
        onKeyDown={onKeyDown}
      >
        {names.length === 0 ? <div className="empty">No tasks match.</div> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const name = names[item.index]
            if (name === undefined) return null
            return (
              <TaskRow
                key={name}
                name={name}
                selected={name === selected}
                onSelect={onRowClick}
                top={item.start}
              />
            )
          })}
        </div>
      </div>
    </div>
  )
}
