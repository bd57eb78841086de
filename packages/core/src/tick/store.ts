import { describeValue, InvalidOptionError, prefix } from '../errors.ts'

/**
 * Where tick mode keeps what ran: last-run times, stats and a bounded history
 * per task, so a fresh isolate knows what the previous one did.
 *
 * Values are plain JSON-compatible data. Implementations: {@link memoryTickStore}
 * (default), `durableObjectStore` and `kvStore` (`@tickwork/core/cloudflare`),
 * `denoKvStore` (`@tickwork/core/deno`).
 */
export interface TickStore {
  /** The value under `key`, or undefined when there is none. */
  get(key: string): Promise<unknown>
  /** Writes `value` under `key`. */
  set(key: string, value: unknown): Promise<void>
  /**
   * Atomically writes `next` when the value under `key` still equals
   * `expected` (undefined: no value). Resolves false, writing nothing, when
   * another writer got there first. Stores without it (Cloudflare KV) fall back
   * to read-then-write, which cannot stop two concurrent ticks claiming one slot.
   */
  compareAndSet?(key: string, expected: unknown, next: unknown): Promise<boolean>
}

/**
 * JSON with object keys sorted, so two structurally equal values compare equal
 * whatever order a store's serialiser gave their keys.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key]
    return sorted
  }) ?? 'undefined'
}

/** True when two stored values are structurally equal (undefined equals only undefined). */
export function sameStoredValue(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b
  // Stores give keys back in the order they were written: plain JSON nearly always settles it.
  return JSON.stringify(a) === JSON.stringify(b) || canonicalJson(a) === canonicalJson(b)
}

/** Throws unless `store` has async `get` and `set` (and, if present, a `compareAndSet` function). */
export function assertTickStore(store: unknown, where: string): asserts store is TickStore {
  const candidate = store as Partial<TickStore> | null | undefined
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    typeof candidate.get !== 'function' ||
    typeof candidate.set !== 'function' ||
    (candidate.compareAndSet !== undefined && typeof candidate.compareAndSet !== 'function')
  ) {
    throw new InvalidOptionError(`${prefix(where)}store must be an object with async get(key) and set(key, value), got ${describeValue(store)}`)
  }
}

/** What {@link mutate} is told to do with the current value: write this, or leave it. */
export type Mutation<T> = { write: T } | { abort: true }

/** Attempts of a compare-and-set loop before giving up (another writer keeps winning). */
const MAX_ATTEMPTS = 8

/**
 * Read-modify-write of one key. With `compareAndSet` the write lands only on
 * the value `change` saw, retrying on contention; without it, it is a plain
 * read then write. Resolves the written value, or undefined when `change`
 * aborted or contention never cleared.
 */
export async function mutate<T>(store: TickStore, key: string, change: (current: unknown) => Mutation<T>): Promise<T | undefined> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await store.get(key)
    const mutation = change(current)
    if ('abort' in mutation) return undefined
    if (store.compareAndSet === undefined) {
      await store.set(key, mutation.write)
      return mutation.write
    }
    if (await store.compareAndSet(key, current, mutation.write)) return mutation.write
  }
  return undefined
}
