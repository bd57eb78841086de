import { describeValue, InvalidOptionError, prefix, TickworkError } from '../errors.ts'
import type { CacheStore } from './store.ts'

/**
 * The part of Web Storage the store uses. `localStorage`, `sessionStorage` and
 * any object with these three methods fit; written out structurally so the
 * published declarations need no DOM lib.
 */
export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** Options of {@link webStorageStore}. */
export interface WebStorageStoreOptions {
  /** The Storage to use. Default: `globalThis.localStorage`, looked up at each call (absent outside browsers). */
  storage?: StorageLike
  /** Prefix of every item's key. Default `'tickwork:'`. */
  prefix?: string
}

/**
 * A store in Web Storage (`localStorage` by default, or `sessionStorage`).
 * Items are strings under `prefix + key`. Storage that is missing, full or
 * blocked makes reads regenerate and writes report an error; nothing crashes.
 *
 * @example
 * const flags = createCachedValue({ source: loadFlags, expire: 300_000, store: webStorageStore(), key: 'flags' })
 */
export function webStorageStore(options: WebStorageStoreOptions = {}): CacheStore {
  const keyPrefix = options.prefix ?? 'tickwork:'
  if (typeof keyPrefix !== 'string') {
    throw new InvalidOptionError(`${prefix('webStorageStore()')}prefix must be a string, got ${describeValue(keyPrefix)}`)
  }
  const given = options.storage
  if (given !== undefined && (given === null || typeof given.getItem !== 'function' || typeof given.setItem !== 'function')) {
    throw new InvalidOptionError(`${prefix('webStorageStore()')}storage must be a Storage (getItem/setItem/removeItem), got ${describeValue(given)}`)
  }
  const storage = (): StorageLike => {
    if (given !== undefined) return given
    // Reading `localStorage` can itself throw (blocked cookies, opaque origins).
    const found = (globalThis as { localStorage?: StorageLike }).localStorage
    if (found === undefined) throw new TickworkError(`${prefix('webStorageStore()')}no localStorage in this runtime; pass { storage }`)
    return found
  }
  return {
    description: given === undefined ? 'localStorage' : 'Web Storage',
    read: (key) => storage().getItem(keyPrefix + key),
    write: (key, text) => storage().setItem(keyPrefix + key, text),
    delete: (key) => storage().removeItem(keyPrefix + key),
  }
}
