import { describeValue, InvalidOptionError, prefix } from '../errors.ts'
import { isTaskLevel, LEVELS, type TaskLevel } from '../levels.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { KernelRegistry as TaskRegistry } from '../registry.ts'
import type { CacheStore } from '../stores/store.ts'

/** What a cached value's `source` receives. */
export interface CachedValueSourceContext<T> {
  /** Aborts when the cached value is disposed. */
  readonly signal: AbortSignal
  /** The value held before this refresh, if any. */
  readonly previous: T | undefined
}

/** Options of `createCachedValue`. */
export interface CachedValueOptions<T> {
  /** Produces the value. Its errors never replace a value already held; each one goes to `onError`. */
  source: (ctx: CachedValueSourceContext<T>) => T | Promise<T>
  /** Ms after which a value counts as expired and `get()` refreshes it. */
  expire: number
  /** Where the value also persists, so a reload or restart reuses it while young enough. Default: memory only. */
  store?: CacheStore
  /** The value's key in `store`. Default: `name`. Required with a store unless `name` is given. */
  key?: string
  /** Turns the value into text for the store. Default `JSON.stringify`. */
  serialize?: (value: T) => string
  /** Turns stored text back into a value; throwing means "regenerate". Default `JSON.parse`. */
  deserialize?: (text: string) => T
  /**
   * The shape of the stored value. A stored value written under another
   * version (or none) is regenerated and rewritten. Bump it when `T` changes.
   * Default: none.
   */
  version?: string | number
  /**
   * Keeps the value warm: a registered task, started at once, refreshes it every
   * this many ms (fixed delay). A failed refresh keeps the old value, goes to
   * `onError`, and shows as a failed run of that task.
   */
  refreshEvery?: number
  /** Name of the refresh task (and messages). Default `cache:<key>`, or `cached value`. */
  name?: string
  /** Level of the refresh task. Default `'low'`. */
  level?: TaskLevel
  /** Registry of the refresh task. Default: the default registry. */
  registry?: TaskRegistry
  /** Default: the registry's clock, else the system clock. */
  clock?: Clock
  /** Called with every source failure (from `get()` and from `refreshEvery` alike) and with store errors. Default: `logger.warn`. */
  onError?: (error: unknown) => void
  /** Default `console`. */
  logger?: Logger
}

/** Options of `CachedValue.get`. */
export interface CachedGetOptions {
  /** Refresh unless the value is younger than `tolerance`, instead of `expire`. Default false. */
  fresh?: boolean
  /** With `fresh`: the age in ms still accepted. Default 0 (always refresh). */
  tolerance?: number
  /**
   * Stale-while-revalidate: a value up to this many ms past its expiry is
   * returned at once, and a refresh starts in the background (one per cached
   * value, shared with every caller). Default 0.
   */
  maxStale?: number
}

/** Throws unless `value` is a non-negative (or positive) finite number of ms; names what was received. */
export function checkMs(where: string, key: string, value: unknown, allowZero: boolean): void {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new InvalidOptionError(`${prefix(where)}${key} must be a ${allowZero ? 'non-negative' : 'positive'} finite number of milliseconds, got ${describeValue(value)}`)
  }
}

/** Validates every option, with named errors quoting the value. */
export function validateCachedValue<T>(options: CachedValueOptions<T>): void {
  const where = 'createCachedValue()'
  const fail = (message: string): never => {
    throw new InvalidOptionError(`${prefix(where)}${message}`)
  }
  if (options === null || typeof options !== 'object') fail(`options must be an object, got ${describeValue(options)}`)
  if (typeof options.source !== 'function') fail(`source must be a function, got ${describeValue(options.source)}`)
  if (options.expire === undefined) fail('expire (ms) is required, got undefined')
  checkMs(where, 'expire', options.expire, true)
  checkMs(where, 'refreshEvery', options.refreshEvery, false)
  const store = options.store
  if (store !== undefined && (store === null || typeof store.read !== 'function' || typeof store.write !== 'function')) {
    fail(`store must have read(key) and write(key, text), got ${describeValue(store)}`)
  }
  for (const key of ['key', 'name'] as const) {
    const value = options[key]
    if (value !== undefined && (typeof value !== 'string' || value === '')) fail(`${key} must be a non-empty string, got ${describeValue(value)}`)
  }
  if (store !== undefined && options.key === undefined && options.name === undefined) fail('a store needs a key (or a name) to keep the value under, got neither')
  for (const key of ['serialize', 'deserialize', 'onError'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') fail(`${key} must be a function, got ${describeValue(options[key])}`)
  }
  const version = options.version
  if (version !== undefined && typeof version !== 'string' && !(typeof version === 'number' && Number.isFinite(version))) {
    fail(`version must be a string or a finite number, got ${describeValue(version)}`)
  }
  if (options.level !== undefined && !isTaskLevel(options.level)) {
    fail(`level must be one of ${LEVELS.map((l) => `'${l}'`).join(', ')}, got ${describeValue(options.level)}`)
  }
}
