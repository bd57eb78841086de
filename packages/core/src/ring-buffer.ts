/**
 * A fixed-capacity list that drops its oldest item when full. Its storage
 * grows with use up to the capacity: an idle task keeps no 50-slot array
 * (at 100,000 tasks that was ~40 MB of empty slots).
 */
export class RingBuffer<T> {
  #items: T[] = []
  #capacity: number
  #start = 0
  #snapshot: readonly T[] | undefined

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  get capacity(): number {
    return this.#capacity
  }

  get length(): number {
    return this.#items.length
  }

  push(item: T): void {
    const capacity = this.#capacity
    if (capacity === 0) return
    this.#snapshot = undefined
    // Until full, items are appended in order (start stays 0); then the oldest is overwritten.
    if (this.#items.length < capacity) {
      this.#items.push(item)
      // Arrays grow by half again plus 16 slots: a full 50-item buffer would
      // keep 76 slots for life. One exact-size copy when it fills frees the rest.
      if (this.#items.length === capacity && capacity > 16) this.#items = this.#items.slice()
    } else {
      this.#items[this.#start] = item
      this.#start = (this.#start + 1) % capacity
    }
  }

  clear(): void {
    this.#items = []
    this.#start = 0
    this.#snapshot = undefined
  }

  /** Changes the capacity, keeping the newest items. */
  resize(capacity: number): void {
    const kept = this.toArray().slice(-capacity || this.#items.length)
    this.#items = []
    this.#capacity = capacity
    this.#start = 0
    this.#snapshot = undefined
    for (const item of capacity === 0 ? [] : kept) this.push(item)
  }

  /** Oldest first. The same frozen array is returned until the next change. */
  toArray(): readonly T[] {
    if (this.#snapshot === undefined) {
      const items = this.#items
      const out: T[] = []
      for (let i = 0; i < items.length; i++) out.push(items[(this.#start + i) % items.length] as T)
      this.#snapshot = Object.freeze(out)
    }
    return this.#snapshot
  }
}
