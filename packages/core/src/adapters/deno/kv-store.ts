import { describeValue, InvalidOptionError, prefix } from '../../errors.ts'
import { sameStoredValue, type TickStore } from '../../tick/store.ts'

/** A Deno KV key. */
export type DenoKvKey = readonly (string | number | bigint | boolean | Uint8Array)[]

/** The part of `Deno.Kv` the store uses (structural: no Deno types needed to build). */
export interface DenoKvLike {
  get(key: DenoKvKey): Promise<{ value: unknown; versionstamp: string | null }>
  set(key: DenoKvKey, value: unknown): Promise<unknown>
  delete(key: DenoKvKey): Promise<void>
  atomic(): DenoAtomicLike
}

/** The part of `Deno.AtomicOperation` the store uses. */
export interface DenoAtomicLike {
  check(...checks: { key: DenoKvKey; versionstamp: string | null }[]): DenoAtomicLike
  set(key: DenoKvKey, value: unknown): DenoAtomicLike
  delete(key: DenoKvKey): DenoAtomicLike
  commit(): Promise<{ ok: boolean }>
}

/** Options of {@link denoKvStore}. */
export interface DenoKvStoreOptions {
  /** Key parts put before every tickwork key. Default `['tickwork']`. */
  prefix?: DenoKvKey
}

/**
 * A {@link TickStore} in Deno KV (local SQLite, or Deno Deploy's global KV).
 * `compareAndSet` is one `atomic().check().set().commit()`, so two cron
 * deliveries never claim the same slot. Values are limited to 64 KiB by Deno
 * KV: keep `historySize` modest.
 *
 * @example
 * const store = denoKvStore(await Deno.openKv())
 */
export function denoKvStore(kv: DenoKvLike, options: DenoKvStoreOptions = {}): TickStore {
  if (kv === null || typeof kv !== 'object' || typeof kv.get !== 'function' || typeof kv.atomic !== 'function') {
    throw new InvalidOptionError(`${prefix('denoKvStore()')}needs a Deno.Kv from Deno.openKv(), got ${describeValue(kv)}`)
  }
  const base = options.prefix ?? ['tickwork']
  if (!Array.isArray(base)) {
    throw new InvalidOptionError(`${prefix('denoKvStore()')}prefix must be an array of key parts, got ${describeValue(base)}`)
  }
  const keyOf = (key: string): DenoKvKey => [...base, key]
  // Deno KV reads "no value" as null; tickwork stores never hold null, so null means absent.
  const storedValue = (entry: { value: unknown }): unknown => entry.value ?? undefined
  return {
    get: async (key) => storedValue(await kv.get(keyOf(key))),
    set: async (key, value) => {
      if (value === undefined) await kv.delete(keyOf(key))
      else await kv.set(keyOf(key), value)
    },
    compareAndSet: async (key, expected, next) => {
      const entry = await kv.get(keyOf(key))
      if (!sameStoredValue(storedValue(entry), expected)) return false
      const operation = kv.atomic().check({ key: keyOf(key), versionstamp: entry.versionstamp })
      const result = await (next === undefined ? operation.delete(keyOf(key)) : operation.set(keyOf(key), next)).commit()
      return result.ok
    },
  }
}
