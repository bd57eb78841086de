/** A fixed-capacity list that drops its oldest item when full. */
export class RingBuffer<T> {
  #items: (T | undefined)[]
  #start = 0
  #length = 0
  #snapshot: readonly T[] | undefined

  constructor(capacity: number) {
    this.#items = new Array<T | undefined>(capacity)
  }

  get capacity(): number {
    return this.#items.length
  }

  get length(): number {
    return this.#length
  }

  push(item: T): void {
    const capacity = this.#items.length
    if (capacity === 0) return
    this.#snapshot = undefined
    if (this.#length < capacity) {
      this.#items[(this.#start + this.#length) % capacity] = item
      this.#length++
    } else {
      this.#items[this.#start] = item
      this.#start = (this.#start + 1) % capacity
    }
  }

  clear(): void {
    this.#items = new Array<T | undefined>(this.#items.length)
    this.#start = 0
    this.#length = 0
    this.#snapshot = undefined
  }

  /** Changes the capacity, keeping the newest items. */
  resize(capacity: number): void {
    const kept = this.toArray().slice(-capacity || this.#length)
    this.#items = new Array<T | undefined>(capacity)
    this.#start = 0
    this.#length = 0
    this.#snapshot = undefined
    for (const item of capacity === 0 ? [] : kept) this.push(item)
  }

  /** Oldest first. The same frozen array is returned until the next change. */
  toArray(): readonly T[] {
    if (this.#snapshot === undefined) {
      const out: T[] = []
      for (let i = 0; i < this.#length; i++) out.push(this.#items[(this.#start + i) % this.#items.length] as T)
      this.#snapshot = Object.freeze(out)
    }
    return this.#snapshot
  }
}
