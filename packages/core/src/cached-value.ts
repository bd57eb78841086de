import { systemClock, type Clock } from './clock.ts'
import { createTask } from './create-task.ts'
import { getDefaultRegistry } from './default-registry.ts'
import { describeValue, InvalidOptionError, prefix } from './errors.ts'
import { isTaskLevel, LEVELS, type TaskLevel } from './levels.ts'
import { consoleLogger, safeWarn, type Logger } from './logger.ts'
import type { KernelRegistry as TaskRegistry } from './registry.ts'
import type { CacheStore } from './stores/store.ts'
import type { Task } from './task.ts'

/** What a cached value's `source` receives. */
export interface CachedValueSourceContext<T> {
  /** Aborts when the cached value is disposed. */
  readonly signal: AbortSignal
  /** The value held before this refresh, if any. */
  readonly previous: T | undefined
}

/** Options of {@link createCachedValue}. */
export interface CachedValueOptions<T> {
  /** Produces the value. Its errors never replace a value already held. */
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
   * Keeps the value warm: a registered task, started at once, refreshes it every
   * this many ms (fixed delay). A failed refresh keeps the old value and is
   * recorded as a failed run of that task.
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
  /** Called when the source fails (the old value is kept) or the store cannot be written. Default: `logger.warn`. */
  onError?: (error: unknown) => void
  /** Default `console`. */
  logger?: Logger
}

/** Options of {@link CachedValue.get}. */
export interface CachedGetOptions {
  /** Refresh unless the value is younger than `tolerance`, instead of `expire`. Default false. */
  fresh?: boolean
  /** With `fresh`: the age in ms still accepted. Default 0 (always refresh). */
  tolerance?: number
}

/** A value produced by a source function, cached until it expires. */
export interface CachedValue<T> {
  /**
   * The value: the first call populates it (from the store when one holds a
   * young enough value, else from the source); later calls refresh it when
   * older than `expire` (or, with `fresh`, than `tolerance`). Concurrent calls
   * share one refresh. When a refresh fails and a value is held, that value is
   * returned and the error reported; with nothing held the call rejects.
   */
  get(options?: CachedGetOptions): Promise<T>
  /** The value held now and when it was produced, without refreshing. */
  peek(): { value: T; updatedAt: number } | undefined
  /** Epoch ms the held value was produced, or null. */
  readonly updatedAt: number | null
  /** The error of the last failed refresh, cleared by a successful one. */
  readonly lastError: unknown
  /** The refresh task, when `refreshEvery` is set. */
  readonly task: Task | undefined
  /** Forgets the held value (and the stored one); the next `get()` refreshes. */
  invalidate(): Promise<void>
  /** Stops and unregisters the refresh task and aborts a refresh in flight. */
  dispose(): Promise<void>
}

interface Entry<T> {
  value: T
  updatedAt: number
}

/** The text a store holds: the serialised value and when it was produced. */
interface Envelope {
  storedAt: number
  value: string
}

function checkMs(where: string, key: string, value: unknown, allowZero: boolean): void {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new InvalidOptionError(`${prefix(where)}${key} must be a ${allowZero ? 'non-negative' : 'positive'} finite number of milliseconds, got ${describeValue(value)}`)
  }
}

function validate<T>(options: CachedValueOptions<T>): void {
  const where = 'createCachedValue()'
  if (options === null || typeof options !== 'object') throw new InvalidOptionError(`${prefix(where)}options must be an object, got ${describeValue(options)}`)
  if (typeof options.source !== 'function') throw new InvalidOptionError(`${prefix(where)}source must be a function, got ${describeValue(options.source)}`)
  if (options.expire === undefined) throw new InvalidOptionError(`${prefix(where)}expire (ms) is required, got undefined`)
  checkMs(where, 'expire', options.expire, true)
  checkMs(where, 'refreshEvery', options.refreshEvery, false)
  const store = options.store
  if (store !== undefined && (store === null || typeof store.read !== 'function' || typeof store.write !== 'function')) {
    throw new InvalidOptionError(`${prefix(where)}store must have read(key) and write(key, text), got ${describeValue(store)}`)
  }
  for (const key of ['key', 'name'] as const) {
    const value = options[key]
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw new InvalidOptionError(`${prefix(where)}${key} must be a non-empty string, got ${describeValue(value)}`)
  }
  if (store !== undefined && options.key === undefined && options.name === undefined) {
    throw new InvalidOptionError(`${prefix(where)}a store needs a key (or a name) to keep the value under, got neither`)
  }
  for (const key of ['serialize', 'deserialize', 'onError'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') throw new InvalidOptionError(`${prefix(where)}${key} must be a function, got ${describeValue(options[key])}`)
  }
  if (options.level !== undefined && !isTaskLevel(options.level)) {
    throw new InvalidOptionError(`${prefix(where)}level must be one of ${LEVELS.map((l) => `'${l}'`).join(', ')}, got ${describeValue(options.level)}`)
  }
}

function parseEnvelope(text: unknown): Envelope {
  if (typeof text !== 'string') throw new TypeError(`stored entry is not text: ${describeValue(text)}`)
  const parsed = JSON.parse(text) as Partial<Envelope> | null
  if (parsed === null || typeof parsed !== 'object' || typeof parsed.storedAt !== 'number' || typeof parsed.value !== 'string') {
    throw new TypeError(`stored entry has an unknown shape: ${describeValue(text)}`)
  }
  return parsed as Envelope
}

/**
 * Caches what `source` returns for `expire` ms, in memory and optionally in a
 * store; `refreshEvery` keeps it warm through a registered task.
 *
 * @example
 * const rates = createCachedValue({ source: () => fetch('/rates').then((r) => r.json()), expire: 60_000 })
 * await rates.get()                                   // fetches once, then reuses for a minute
 * await rates.get({ fresh: true, tolerance: 5_000 })  // refreshes unless younger than 5 s
 */
export function createCachedValue<T>(options: CachedValueOptions<T>): CachedValue<T> {
  validate(options)
  const { source, expire, store } = options
  const clock = options.clock ?? options.registry?.clock ?? systemClock
  const logger = options.logger ?? consoleLogger
  const key = options.key ?? options.name ?? 'cached value'
  const label = options.name ?? (options.key === undefined ? 'cached value' : `cache:${options.key}`)
  const serialize = options.serialize ?? ((value: T) => JSON.stringify(value))
  const deserialize = options.deserialize ?? ((text: string) => JSON.parse(text) as T)
  const lifetime = new AbortController()

  let entry: Entry<T> | undefined
  let storeChecked = store === undefined
  let inFlight: Promise<T> | undefined
  let lastError: unknown

  const report = (error: unknown, what: string): void => {
    if (options.onError !== undefined) {
      try {
        options.onError(error)
      } catch (thrown) {
        safeWarn(logger, `${prefix(`cached value "${label}"`)}onError threw`, thrown)
      }
      return
    }
    safeWarn(logger, `${prefix(`cached value "${label}"`)}${what}`, error)
  }

  /** The stored entry, or undefined when there is none or it cannot be read (which means "regenerate"). */
  const readStore = async (): Promise<Entry<T> | undefined> => {
    if (store === undefined) return undefined
    try {
      const text = await store.read(key)
      if (text === undefined || text === null) return undefined
      const envelope = parseEnvelope(text)
      return { value: deserialize(envelope.value), updatedAt: envelope.storedAt }
    } catch {
      return undefined
    }
  }

  const writeStore = async (next: Entry<T>): Promise<void> => {
    if (store === undefined) return
    try {
      const envelope: Envelope = { storedAt: next.updatedAt, value: serialize(next.value) }
      await store.write(key, JSON.stringify(envelope))
    } catch (error) {
      report(error, `could not write to ${store.description ?? 'the store'}`)
    }
  }

  const youngerThan = (held: Entry<T> | undefined, maxAge: number): held is Entry<T> =>
    held !== undefined && clock.wallNow() - held.updatedAt < maxAge

  /** One refresh: the store first (on first access), then the source. */
  const load = async (maxAge: number, fromTask: boolean): Promise<T> => {
    if (!storeChecked) {
      storeChecked = true
      const stored = await readStore()
      if (stored !== undefined && entry === undefined) entry = stored
      if (youngerThan(entry, maxAge)) return entry.value
    }
    let value: T
    try {
      value = await source({ signal: lifetime.signal, previous: entry?.value })
    } catch (error) {
      lastError = error
      if (entry === undefined) throw error
      // The refresh task records the failure in its own history and reports it there.
      if (!fromTask) report(error, `source failed; keeping the value from ${new Date(entry.updatedAt).toISOString()}`)
      return entry.value
    }
    lastError = undefined
    entry = { value, updatedAt: clock.wallNow() }
    await writeStore(entry)
    return value
  }

  const ensure = (maxAge: number, fromTask = false): Promise<T> => {
    if (inFlight !== undefined) return inFlight
    if (storeChecked && youngerThan(entry, maxAge)) return Promise.resolve(entry.value)
    const running = load(maxAge, fromTask).finally(() => {
      if (inFlight === running) inFlight = undefined
    })
    inFlight = running
    return running
  }

  let task: Task | undefined
  if (options.refreshEvery !== undefined) {
    const every = options.refreshEvery
    const taskOptions = {
      name: options.name ?? `cache:${key}`,
      interval: every,
      level: options.level ?? 'low',
      clock,
      logger,
      run: async () => {
        const before = entry?.updatedAt
        await ensure(every, true)
        // A failed refresh keeps the old value, but the run should show as failed.
        if (lastError !== undefined) throw lastError
        return { message: entry?.updatedAt === before ? 'still fresh' : 'refreshed' }
      },
    }
    task = createTask(options.registry === undefined ? taskOptions : { ...taskOptions, registry: options.registry })
    task.start()
  }

  return {
    get(getOptions: CachedGetOptions = {}): Promise<T> {
      const fresh = getOptions?.fresh ?? false
      const tolerance = getOptions?.tolerance ?? 0
      try {
        if (typeof fresh !== 'boolean') throw new InvalidOptionError(`${prefix(`cached value "${label}"`)}get() fresh must be a boolean, got ${describeValue(fresh)}`)
        checkMs(`cached value "${label}"`, 'get() tolerance', tolerance, true)
      } catch (error) {
        return Promise.reject(error)
      }
      // tolerance 0 means "always": an age of 0 is not younger than 0.
      return ensure(fresh ? tolerance : expire)
    },
    peek: () => (entry === undefined ? undefined : { value: entry.value, updatedAt: entry.updatedAt }),
    get updatedAt() {
      return entry?.updatedAt ?? null
    },
    get lastError() {
      return lastError
    },
    task,
    async invalidate(): Promise<void> {
      entry = undefined
      storeChecked = true
      if (store !== undefined) {
        try {
          await store.delete(key)
        } catch (error) {
          report(error, `could not delete from ${store.description ?? 'the store'}`)
        }
      }
    },
    async dispose(): Promise<void> {
      lifetime.abort()
      if (task === undefined) return
      const registry = options.registry ?? getDefaultRegistry()
      if (registry.get(task.name) === task) registry.unregister(task.name)
      await task.stop()
    },
  }
}
