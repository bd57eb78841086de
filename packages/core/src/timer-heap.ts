/**
 * One pending wake-up in a {@link TimerQueue}. A task's loop is its own
 * entry (no second object per task); `TimerQueue.schedule` wraps a plain
 * callback in one.
 */
export interface TimerEntry {
  /** Monotonic ms; `fire` never runs before it. Changed only by `TimerQueue.reschedule` while out of the heap. */
  deadline: number
  /** Tie-breaker for equal deadlines: lower runs first (the level rank). */
  rank: number
  seq: number
  readonly keepAlive: boolean
  /** Position in the heap; -1 while out of it (a new entry starts at -1). */
  index: number
  /** Called once the deadline passed, with the wake's one clock reading. */
  fire(now: number): void
}

function before(a: TimerEntry, b: TimerEntry): boolean {
  if (a.deadline !== b.deadline) return a.deadline < b.deadline
  if (a.rank !== b.rank) return a.rank < b.rank
  return a.seq < b.seq
}

/** A binary min-heap of timer entries with O(log n) removal by index. */
export class TimerHeap {
  readonly #items: TimerEntry[] = []

  get size(): number {
    return this.#items.length
  }

  peek(): TimerEntry | undefined {
    return this.#items[0]
  }

  push(entry: TimerEntry): void {
    entry.index = this.#items.length
    this.#items.push(entry)
    this.#up(entry.index)
  }

  /** Whether `entry` is in the heap. */
  has(entry: TimerEntry): boolean {
    return entry.index >= 0 && this.#items[entry.index] === entry
  }

  /** Removes every entry `gone` picks in one pass, then restores the heap order bottom-up: O(n) for any number. */
  removeWhere(gone: (entry: TimerEntry) => boolean): void {
    const items = this.#items
    let kept = 0
    for (let i = 0; i < items.length; i++) {
      const entry = items[i] as TimerEntry
      if (gone(entry)) {
        entry.index = -1
        continue
      }
      items[kept] = entry
      entry.index = kept++
    }
    items.length = kept
    for (let at = (kept >> 1) - 1; at >= 0; at--) this.#down(at)
  }

  /** Removes the earliest entry. */
  pop(): TimerEntry | undefined {
    const top = this.#items[0]
    if (top !== undefined) this.remove(top)
    return top
  }

  /** Removes `entry` if it is still in the heap; returns whether it was. */
  remove(entry: TimerEntry): boolean {
    const at = entry.index
    if (at < 0 || this.#items[at] !== entry) return false
    const last = this.#items.pop() as TimerEntry
    entry.index = -1
    if (last !== entry) {
      this.#items[at] = last
      last.index = at
      this.#down(at)
      this.#up(last.index)
    }
    return true
  }

  #up(at: number): void {
    const items = this.#items
    const entry = items[at] as TimerEntry
    while (at > 0) {
      const parentAt = (at - 1) >> 1
      const parent = items[parentAt] as TimerEntry
      if (!before(entry, parent)) break
      items[at] = parent
      parent.index = at
      at = parentAt
    }
    items[at] = entry
    entry.index = at
  }

  #down(at: number): void {
    const items = this.#items
    const size = items.length
    const entry = items[at] as TimerEntry
    for (;;) {
      const left = 2 * at + 1
      if (left >= size) break
      const right = left + 1
      let child = left
      if (right < size && before(items[right] as TimerEntry, items[left] as TimerEntry)) child = right
      const childEntry = items[child] as TimerEntry
      if (!before(childEntry, entry)) break
      items[at] = childEntry
      childEntry.index = at
      at = child
    }
    items[at] = entry
    entry.index = at
  }
}
