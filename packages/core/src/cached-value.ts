import { systemClock } from './clock.ts'
import { createTask } from './create-task.ts'
import { getDefaultRegistry } from './default-registry.ts'
import { describeValue, InvalidOptionError, prefix } from './errors.ts'
import { consoleLogger, safeWarn } from './logger.ts'
import { errorInfo } from './run-result.ts'
import type { Task } from './task.ts'
import type { CacheStatus, TaskOptions } from './types.ts'
import { checkMs, validateCachedValue, type CachedGetOptions, type CachedValueOptions } from './cached-value/options.ts'
import { envelopeText, parseEnvelope } from './cached-value/envelope.ts'
import { Listeners, makeFacet, type Facet } from './trigger-queue/status.ts'

export type { CachedGetOptions, CachedValueOptions, CachedValueSourceContext } from './cached-value/options.ts'

/** A value produced by a source function, cached until it expires. */
export interface CachedValue<T> {
  /**
   * The value: the first call populates it (from the store when one holds a
   * young enough value, else from the source); later calls refresh it when
   * older than `expire` (or, with `fresh`, than `tolerance`), or, with
   * `maxStale`, return it at once and refresh in the background. There is one
   * refresh in flight at a time, shared by every caller. When a refresh fails
   * and a value is held, that value is returned; with nothing held the call
   * rejects. Either way the error goes to `onError`.
   */
  get(options?: CachedGetOptions): Promise<T>
  /** The value held now and when it was produced (epoch ms), without refreshing. */
  peek(): { value: T; updatedAt: number } | undefined
  /** Epoch ms the held value was produced, or null. */
  readonly updatedAt: number | null
  /** The error of the last failed refresh, cleared by a successful one. */
  readonly lastError: unknown
  /** The refresh task, when `refreshEvery` is set. */
  readonly task: Task | undefined
  /** What devtools show of the cache, and its controls (also the refresh task's `facet`). */
  readonly facet: Facet
  /** Age, expiry, refresh in flight and source errors, as devtools show them. */
  status(): CacheStatus
  /**
   * Forgets the held value (and the stored one). It wins over a refresh in
   * flight: that refresh's result is not kept, and the next `get()` starts a
   * new refresh (or joins one started after the invalidate).
   */
  invalidate(): Promise<void>
  /** Stops and unregisters the refresh task and aborts a refresh in flight. */
  dispose(): Promise<void>
}

interface Entry<T> {
  value: T
  /** Epoch ms it was produced: shown, and stored so another process can judge its age. */
  updatedAt: number
  /** The clock's `now()` when it was produced: its age in this process. */
  at: number
}

/**
 * Caches what `source` returns for `expire` ms, in memory and optionally in a
 * store; `refreshEvery` keeps it warm through a registered task.
 *
 * @example
 * const rates = createCachedValue({ source: () => fetch('/rates').then((r) => r.json()), expire: 60_000 })
 * await rates.get()                                   // fetches once, then reuses for a minute
 * await rates.get({ maxStale: 30_000 })               // up to 30 s past expiry: at once, refreshed in the background
 * await rates.get({ fresh: true, tolerance: 5_000 })  // refreshes unless younger than 5 s
 */
export function createCachedValue<T>(options: CachedValueOptions<T>): CachedValue<T> {
  validateCachedValue(options)
  const { source, expire, store, version } = options
  const clock = options.clock ?? options.registry?.clock ?? systemClock
  const logger = options.logger ?? consoleLogger
  const key = options.key ?? options.name ?? 'cached value'
  const label = options.name ?? (options.key === undefined ? 'cached value' : `cache:${options.key}`)
  const who = `cached value "${label}"`
  const serialize = options.serialize ?? ((value: T) => JSON.stringify(value))
  const deserialize = options.deserialize ?? ((text: string) => JSON.parse(text) as T)
  const lifetime = new AbortController()
  const listeners = new Listeners<void>(logger, who)

  let entry: Entry<T> | undefined
  let storeChecked = store === undefined
  let inFlight: Promise<T> | undefined
  /** Bumped by invalidate(): a refresh started under an older generation keeps nothing. */
  let generation = 0
  let lastError: unknown
  let errorCount = 0
  let lastErrorInfo: CacheStatus['lastError'] = null
  /** Store writes and deletes, in order: a delete from invalidate() never lands after a later write. */
  let storeChain: Promise<void> = Promise.resolve()

  const changed = (): void => listeners.emit()

  const report = (error: unknown, what: string): void => {
    if (options.onError !== undefined) {
      try {
        options.onError(error)
      } catch (thrown) {
        safeWarn(logger, `${prefix(who)}onError threw`, thrown)
      }
      return
    }
    safeWarn(logger, `${prefix(who)}${what}`, error)
  }

  const storeOp = (what: string, op: (target: NonNullable<typeof store>) => void | Promise<void>): Promise<void> => {
    if (store === undefined) return Promise.resolve()
    const next = storeChain.then(() => op(store)).catch((error: unknown) => report(error, `could not ${what} ${store.description ?? 'the store'}`))
    storeChain = next
    return next
  }

  /** The stored entry, or undefined when there is none or it cannot be read (which means "regenerate"). */
  const readStore = async (): Promise<Entry<T> | undefined> => {
    if (store === undefined) return undefined
    try {
      const text = await store.read(key)
      if (text === undefined || text === null) return undefined
      const envelope = parseEnvelope(text, version)
      const age = Math.max(0, clock.wallNow() - envelope.storedAt)
      return { value: deserialize(envelope.value), updatedAt: envelope.storedAt, at: clock.now() - age }
    } catch {
      return undefined
    }
  }

  const youngerThan = (held: Entry<T>, maxAge: number): boolean => clock.now() - held.at < maxAge

  /** One refresh: the store first (on first access), then the source. */
  const load = async (maxAge: number, started: number): Promise<T> => {
    if (!storeChecked) {
      storeChecked = true
      const stored = await readStore()
      if (started === generation) {
        if (stored !== undefined && entry === undefined) entry = stored
        if (entry !== undefined && youngerThan(entry, maxAge)) return entry.value
      }
    }
    let value: T
    try {
      value = await source({ signal: lifetime.signal, previous: entry?.value })
    } catch (error) {
      lastError = error
      errorCount++
      const info = errorInfo(error)
      lastErrorInfo = { name: info.name, message: info.message, at: clock.wallNow() }
      const held = entry
      // Aborted by dispose(): the end of the cached value, not a source failure.
      if (!lifetime.signal.aborted) report(error, held === undefined ? 'source failed' : `source failed; keeping the value from ${new Date(held.updatedAt).toISOString()}`)
      if (held === undefined) throw error
      return held.value
    }
    // Invalidated while in flight: the callers who asked before get this result, but it is not kept as fresh.
    if (started !== generation) return value
    lastError = undefined
    const produced: Entry<T> = { value, updatedAt: clock.wallNow(), at: clock.now() }
    entry = produced
    await storeOp('write to', (target) => target.write(key, envelopeText(produced.updatedAt, serialize(produced.value), version)))
    return value
  }

  /** The refresh in flight, or a new one (single flight). */
  const refresh = (maxAge: number): Promise<T> => {
    if (inFlight !== undefined) return inFlight
    const running = load(maxAge, generation).finally(() => {
      if (inFlight === running) inFlight = undefined
      changed()
    })
    inFlight = running
    changed()
    return running
  }

  const ensure = (maxAge: number, maxStale = 0): Promise<T> => {
    if (!storeChecked || entry === undefined) return refresh(maxAge)
    if (youngerThan(entry, maxAge)) return Promise.resolve(entry.value)
    if (maxStale > 0 && youngerThan(entry, maxAge + maxStale)) {
      // Stale-while-revalidate: its failure was reported already, and the stale value is what the caller gets.
      refresh(maxAge).catch(() => {})
      return Promise.resolve(entry.value)
    }
    return refresh(maxAge)
  }

  let task: Task | undefined
  const cache: CachedValue<T> = {
    get(getOptions: CachedGetOptions = {}): Promise<T> {
      const fresh = getOptions?.fresh ?? false
      const tolerance = getOptions?.tolerance ?? 0
      const maxStale = getOptions?.maxStale ?? 0
      try {
        if (typeof fresh !== 'boolean') throw new InvalidOptionError(`${prefix(who)}get() fresh must be a boolean, got ${describeValue(fresh)}`)
        checkMs(who, 'get() tolerance', tolerance, true)
        checkMs(who, 'get() maxStale', maxStale, true)
      } catch (error) {
        return Promise.reject(error)
      }
      // tolerance 0 means "always": an age of 0 is not younger than 0.
      return ensure(fresh ? tolerance : expire, maxStale)
    },
    peek: () => (entry === undefined ? undefined : { value: entry.value, updatedAt: entry.updatedAt }),
    get updatedAt() {
      return entry?.updatedAt ?? null
    },
    get lastError() {
      return lastError
    },
    get task() {
      return task
    },
    facet: makeFacet(
      who,
      ['refresh', 'invalidate'],
      () => cache.status(),
      {
        refresh: () => cache.get({ fresh: true }).then(() => undefined),
        invalidate: () => cache.invalidate(),
      },
      (listener) => listeners.subscribe(listener),
    ),
    status: () => ({
      kind: 'cache',
      hasValue: entry !== undefined,
      updatedAt: entry?.updatedAt ?? null,
      expiresAt: entry === undefined ? null : entry.updatedAt + expire,
      refreshing: inFlight !== undefined,
      errorCount,
      lastError: lastErrorInfo === null ? null : { ...lastErrorInfo },
    }),
    invalidate(): Promise<void> {
      generation++
      entry = undefined
      storeChecked = true
      inFlight = undefined
      changed()
      return storeOp('delete from', (target) => target.delete(key))
    },
    async dispose(): Promise<void> {
      lifetime.abort()
      if (task === undefined) return
      const registry = options.registry ?? getDefaultRegistry()
      if (registry.get(task.name) === task) registry.unregister(task.name)
      await task.stop()
    },
  }

  if (options.refreshEvery !== undefined) {
    const every = options.refreshEvery
    const taskOptions: TaskOptions & { facet: Facet } = {
      name: options.name ?? `cache:${key}`,
      interval: every,
      level: options.level ?? 'low',
      clock,
      logger,
      facet: cache.facet,
      run: async () => {
        const before = entry?.updatedAt
        const failures = errorCount
        await ensure(every)
        // A failed refresh keeps the old value; the run shows as failed (onError has heard of it already).
        if (errorCount !== failures) throw lastError
        return { message: entry?.updatedAt === before ? 'still fresh' : 'refreshed' }
      },
      onError: () => {},
    }
    task = createTask(options.registry === undefined ? taskOptions : { ...taskOptions, registry: options.registry })
    task.start()
  }
  return cache
}
