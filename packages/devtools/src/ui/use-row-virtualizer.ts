import { defaultRangeExtractor, useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual'
import type { KeyboardEvent, RefObject } from 'react'
import { useCallback, useEffect, useRef } from 'react'

/** Options of {@link useRowVirtualizer}. */
export interface RowVirtualizerOptions {
  /** Row keys (task names), in display order. */
  names: readonly string[]
  selected: string | null
  scrollRef: RefObject<HTMLDivElement | null>
  rowHeight: number
  overscan: number
  /** The viewport assumed before the first measurement (and in DOMs without layout). */
  initialRect: { width: number; height: number }
}

/**
 * A virtualiser over rows of fixed height that keeps the selected row
 * mounted (so keyboard focus survives scrolling) and scrolls it into view.
 * The task list and the timeline use it alike.
 */
export function useRowVirtualizer({ names, selected, scrollRef, rowHeight, overscan, initialRect }: RowVirtualizerOptions): { virtualizer: Virtualizer<HTMLDivElement, Element>; selectedIndex: number } {
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
    estimateSize: () => rowHeight,
    overscan,
    rangeExtractor,
    initialRect,
    getItemKey: (index) => names[index] ?? index,
  })
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' })
  }, [selectedIndex, virtualizer])
  return { virtualizer, selectedIndex }
}

/**
 * Moves the selection for the list keys (arrows up and down, Home, End, Page
 * Up and Page Down): calls `onSelect` with the row they lead to and returns
 * true; returns false for any other key.
 */
export function selectByKey(event: KeyboardEvent<HTMLElement>, names: readonly string[], selectedIndex: number, rowHeight: number, onSelect: (name: string) => void): boolean {
  const page = Math.max(1, Math.floor((event.currentTarget.clientHeight || 320) / rowHeight) - 1)
  const targets: Record<string, number> = {
    ArrowDown: selectedIndex + 1,
    ArrowUp: selectedIndex < 0 ? 0 : selectedIndex - 1,
    Home: 0,
    End: names.length - 1,
    PageDown: selectedIndex + page,
    PageUp: selectedIndex - page,
  }
  const target = targets[event.key]
  if (target === undefined || names.length === 0) return false
  event.preventDefault()
  const name = names[Math.max(0, Math.min(names.length - 1, target))]
  if (name !== undefined) onSelect(name)
  return true
}
