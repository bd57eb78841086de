import type { CacheStore } from './store.ts'

/** A {@link CacheStore} in a `Map`, for sharing one store between cached values, and for tests. */
export interface MemoryStore extends CacheStore {
  /** Number of keys held. */
  readonly size: number
}

/**
 * A store in memory. Cached values keep their value in memory anyway; use
 * this store when several of them (or a test) should see the same entries.
 *
 * @example
 * const store = memoryStore()
 * const user = createCachedValue({ source: fetchUser, expire: 60_000, store, key: 'user' })
 */
export function memoryStore(): MemoryStore {
  const entries = new Map<string, string>()
  return {
    description: 'memory',
    read: (key) => entries.get(key),
    write: (key, text) => {
      entries.set(key, text)
    },
    delete: (key) => {
      entries.delete(key)
    },
    get size() {
      return entries.size
    },
  }
}
