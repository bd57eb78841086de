import { sameStoredValue, type TickStore } from './store.ts'

/** A {@link TickStore} in this isolate's memory, with an inspectable map. */
export interface MemoryTickStore extends TickStore {
  compareAndSet(key: string, expected: unknown, next: unknown): Promise<boolean>
  /** Every key and its stored JSON text (what a persistent store would hold). */
  entries(): ReadonlyMap<string, string>
}

/**
 * The default tick store: a map in memory. Values go in and come out as JSON
 * copies, like a real store, so a run cannot mutate stored state by
 * reference. It lives as long as the isolate: on the edge, use a platform store.
 */
export function memoryTickStore(): MemoryTickStore {
  const data = new Map<string, string>()
  const read = (key: string): unknown => {
    const text = data.get(key)
    return text === undefined ? undefined : JSON.parse(text)
  }
  const write = (key: string, value: unknown): void => {
    if (value === undefined) data.delete(key)
    else data.set(key, JSON.stringify(value))
  }
  return {
    get: (key) => Promise.resolve(read(key)),
    set: (key, value) => {
      write(key, value)
      return Promise.resolve()
    },
    compareAndSet: (key, expected, next) => {
      // Synchronous between the check and the write: nothing can interleave.
      const text = data.get(key)
      // `expected` was usually read from this very text: compare the text before parsing it.
      const same = text === undefined ? expected === undefined : (expected !== undefined && text === JSON.stringify(expected)) || sameStoredValue(read(key), expected)
      if (!same) return Promise.resolve(false)
      write(key, next)
      return Promise.resolve(true)
    },
    entries: () => new Map(data),
  }
}
