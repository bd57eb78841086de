import { systemClock, type Clock } from './clock.ts'
import { getDefaultRegistry } from './default-registry.ts'
import { describeValue, InvalidOptionError, prefix } from './errors.ts'
import { isTaskLevel, LEVELS, type TaskLevel } from './levels.ts'
import { consoleLogger, safeWarn, type Logger } from './logger.ts'
import { errorInfo } from './run-result.ts'
import type { KernelRegistry as TaskRegistry } from './registry.ts'
import type { Schedule } from './schedule.ts'
import { Task, type StopOptions } from './task.ts'
import { timerQueueFor } from './timer-queue.ts'
import type { RunContext, RunResult, RunSummary } from './types.ts'

/** What a trigger queue knows about one key. */
export interface TriggerKeyState {
  /** Notifications since the key's last job started. */
  count: number
  /** Epoch ms the key's last job started, or null before its first job. */
  lastRunAt: number | null
  /** How the key's last job ended, or null before its first job ended. */
  lastResult: { success: boolean; durationMs: number; message: string; error?: RunSummary['error'] } | null
  /** Queued and waiting for the worker. */
  pending: boolean
  /** Its job is running now. */
  running: boolean
}

/** Options of {@link createTriggerQueue}. */
export interface TriggerQueueOptions<K extends string = string> {
  /** Name of the worker task in the registry. */
  name: string
  /** The job for one key. `ctx.signal` aborts when the queue is stopped. Its result is recorded like a task run's. */
  run: (key: K, ctx: RunContext) => void | RunResult | string | Promise<void | RunResult | string>
  /** Queue a key once it was notified this many times since its last job. Default 1. */
  sizeThreshold?: number
  /**
   * Also queue a key whose last job (or, before any job, its first notification)
   * is older than this many ms, once it has `stalenessMinCount` notifications. Default: off.
   */
  stalenessMs?: number
  /** Notifications needed for the staleness rule. Default 1. */
  stalenessMinCount?: number
  /** Most keys waiting at once; beyond it a key is dropped (its count is kept) and a warning is logged once per key. Default 1000. */
  maxQueueSize?: number
  /** The worker task's level. Default `'medium'`. */
  level?: TaskLevel
  /** Registry to register the worker in. Default: the default registry. */
  registry?: TaskRegistry
  /** Register the worker at all. Default true. */
  autoRegister?: boolean
  /** Default: the registry's clock, else the system clock. */
  clock?: Clock
  /** Where warnings go (full queue, failed jobs). Default `console`. */
  logger?: Logger
  /** Summaries the worker keeps. Default 50. */
  historySize?: number
}

/** Options of {@link TriggerQueue.drain}. */
export interface DrainOptions {
  /** Ms to wait; resolves false when the queue is not empty and idle by then. Default: no limit. */
  timeout?: number
}

/** A keyed, de-duplicating, bounded job queue fired by thresholds. */
export interface TriggerQueue<K extends string = string> {
  /** The worker task, registered like any task so devtools show it. */
  readonly task: Task
  /** Keys waiting, in the order they will run. */
  readonly pendingKeys: readonly K[]
  /** False once `stop()` was called. */
  readonly accepting: boolean
  /** Counts a notification for `key` and queues it when a threshold is crossed. Synchronous; never blocks. Returns whether the key is now pending. */
  notify(key: K): boolean
  /** What the queue knows about `key`, or undefined for a key never notified. */
  state(key: K): TriggerKeyState | undefined
  /** Every key ever notified. */
  keys(): K[]
  /** Resolves true once nothing is pending and no job runs; false on `timeout`. */
  drain(options?: DrainOptions): Promise<boolean>
  /** Stops taking jobs: the current job's signal aborts and it is awaited up to `timeout` ms (default 5000). Pending keys stay listed. */
  stop(options?: StopOptions): Promise<boolean>
}

interface KeyRecord {
  count: number
  firstNotifiedAt: number
  lastRunAt: number | null
  lastResult: TriggerKeyState['lastResult']
  pending: boolean
  running: boolean
}

function fail(name: unknown, message: string): never {
  const who = typeof name === 'string' && name !== '' ? `trigger queue "${name}"` : 'createTriggerQueue()'
  throw new InvalidOptionError(`${prefix(who)}${message}`)
}

function checkCount(name: string, key: string, value: unknown, minimum: number): void {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    fail(name, `${key} must be an integer ≥ ${minimum}, got ${describeValue(value)}`)
  }
}

function validate(options: TriggerQueueOptions<string>): void {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${prefix('createTriggerQueue()')}options must be an object, got ${describeValue(options)}`)
  }
  const { name } = options
  if (typeof name !== 'string' || name.trim() === '') fail(undefined, `name must be a non-empty string, got ${describeValue(name)}`)
  if (typeof options.run !== 'function') fail(name, `run must be a function (key, ctx) => …, got ${describeValue(options.run)}`)
  checkCount(name, 'sizeThreshold', options.sizeThreshold, 1)
  checkCount(name, 'stalenessMinCount', options.stalenessMinCount, 1)
  checkCount(name, 'maxQueueSize', options.maxQueueSize, 1)
  const staleness = options.stalenessMs
  if (staleness !== undefined && (typeof staleness !== 'number' || !Number.isFinite(staleness) || staleness < 0)) {
    fail(name, `stalenessMs must be a non-negative finite number of milliseconds, got ${describeValue(staleness)}`)
  }
  if (options.level !== undefined && !isTaskLevel(options.level)) {
    fail(name, `level must be one of ${LEVELS.map((l) => `'${l}'`).join(', ')}, got ${describeValue(options.level)}`)
  }
}

/**
 * Creates a trigger queue: `notify(key)` counts events per key, and a key is
 * queued for one job once its count reaches `sizeThreshold`, or once its last
 * job is older than `stalenessMs` and it has `stalenessMinCount` events.
 * A pending key is never queued twice; a full queue drops and warns once per key.
 * Jobs run one at a time on a worker task; a failing job is recorded and the
 * worker goes on.
 *
 * @example
 * const compile = createTriggerQueue({ name: 'compile', sizeThreshold: 10, stalenessMs: 60_000, run: (file) => build(file) })
 * editor.on('change', (file) => compile.notify(file))
 * await compile.drain({ timeout: 5000 })
 */
export function createTriggerQueue<K extends string = string>(options: TriggerQueueOptions<K>): TriggerQueue<K> {
  validate(options as unknown as TriggerQueueOptions<string>)
  const { name } = options
  const registry = options.autoRegister === false ? undefined : (options.registry ?? getDefaultRegistry())
  const clock = options.clock ?? options.registry?.clock ?? systemClock
  const logger = options.logger ?? consoleLogger
  const sizeThreshold = options.sizeThreshold ?? 1
  const stalenessMs = options.stalenessMs
  const stalenessMinCount = options.stalenessMinCount ?? 1
  const maxQueueSize = options.maxQueueSize ?? 1000
  const timers = timerQueueFor(clock)

  const records = new Map<K, KeyRecord>()
  const pending: K[] = []
  const warnedFull = new Set<K>()
  let drainWaiters: ((drained: boolean) => void)[] = []
  let busy = false
  let accepting = true

  const idle = (): boolean => pending.length === 0 && !busy
  const settleDrains = (): void => {
    if (!idle()) return
    const waiters = drainWaiters
    drainWaiters = []
    for (const resolve of waiters) resolve(true)
  }

  // On demand only: started, the loop works through what is pending and then completes.
  const schedule: Schedule = {
    interval: null,
    description: `on demand (trigger queue, threshold ${sizeThreshold}${stalenessMs === undefined ? '' : `, stale after ${stalenessMs} ms`})`,
    next: ({ now }) => (pending.length > 0 ? now : null),
  }

  const runOne = async (ctx: RunContext): Promise<void | RunResult | string> => {
    const key = pending.shift()
    if (key === undefined) return { message: 'nothing pending' }
    const record = records.get(key) as KeyRecord
    record.pending = false
    record.running = true
    record.count = 0
    record.lastRunAt = clock.wallNow()
    busy = true
    const startedAt = clock.now()
    try {
      const result = await options.run(key, ctx)
      const outcome = typeof result === 'string' ? { message: result } : (result ?? {})
      record.lastResult = { success: outcome.success !== false, durationMs: clock.now() - startedAt, message: outcome.message ?? '' }
      return { ...outcome, message: outcome.message ?? `key ${JSON.stringify(key)}`, extra: { key, ...outcome.extra } }
    } catch (error) {
      const info = errorInfo(error)
      record.lastResult = { success: false, durationMs: clock.now() - startedAt, message: info.message, error: info }
      throw error
    } finally {
      record.running = false
    }
  }

  const worker = new Task({
    name,
    schedule,
    level: options.level ?? 'medium',
    clock,
    logger,
    keepAlive: false,
    historySize: options.historySize ?? 50,
    run: runOne,
  })

  // The worker counts as busy until it has recorded the job, so a drain never
  // resolves before the history is complete.
  worker.subscribe((event) => {
    if (event.type !== 'runFinished') return
    busy = false
    // Coalesces into one more run right after this one settles.
    if (pending.length > 0 && accepting) worker.trigger()
    else settleDrains()
  })

  const enqueue = (key: K, record: KeyRecord): boolean => {
    if (pending.length >= maxQueueSize) {
      if (!warnedFull.has(key)) {
        warnedFull.add(key)
        safeWarn(logger, `${prefix(`trigger queue "${name}"`)}queue full (${maxQueueSize} keys): dropped ${JSON.stringify(key)}; its count is kept`)
      }
      return false
    }
    warnedFull.delete(key)
    record.pending = true
    pending.push(key)
    if (!busy) worker.trigger()
    return true
  }

  const queue: TriggerQueue<K> = {
    task: worker,
    get pendingKeys() {
      return [...pending]
    },
    get accepting() {
      return accepting
    },
    notify(key: K): boolean {
      if (typeof key !== 'string') fail(name, `notify() needs a string key, got ${describeValue(key)}`)
      const now = clock.now()
      let record = records.get(key)
      if (record === undefined) {
        record = { count: 0, firstNotifiedAt: now, lastRunAt: null, lastResult: null, pending: false, running: false }
        records.set(key, record)
      }
      record.count++
      if (record.pending) return true
      if (!accepting) return false
      const since = record.lastRunAt ?? record.firstNotifiedAt
      const stale = stalenessMs !== undefined && now - since >= stalenessMs && record.count >= stalenessMinCount
      if (record.count >= sizeThreshold || stale) return enqueue(key, record)
      return false
    },
    state(key: K): TriggerKeyState | undefined {
      const record = records.get(key)
      if (record === undefined) return undefined
      const { count, lastRunAt, lastResult, pending: isPending, running } = record
      return { count, lastRunAt, lastResult: lastResult === null ? null : { ...lastResult }, pending: isPending, running }
    },
    keys: () => [...records.keys()],
    drain(drainOptions: DrainOptions = {}): Promise<boolean> {
      const timeout = drainOptions?.timeout
      if (timeout !== undefined && (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0)) {
        return Promise.reject(new InvalidOptionError(`${prefix(`trigger queue "${name}"`)}drain() timeout must be a non-negative number of ms, got ${describeValue(timeout)}`))
      }
      if (idle()) return Promise.resolve(true)
      if (!accepting && !busy) return Promise.resolve(false)
      return new Promise<boolean>((resolve) => {
        const entry = timeout === undefined ? undefined : timers.schedule(clock.now() + timeout, () => {
          drainWaiters = drainWaiters.filter((waiter) => waiter !== onIdle)
          resolve(false)
        })
        const onIdle = (drained: boolean): void => {
          if (entry !== undefined) timers.cancel(entry)
          resolve(drained)
        }
        drainWaiters.push(onIdle)
      })
    },
    async stop(stopOptions: StopOptions = {}): Promise<boolean> {
      accepting = false
      const settled = await worker.stop(stopOptions)
      // Nothing will empty the queue any more: answer drains waiting now instead of letting them time out.
      const waiters = drainWaiters
      drainWaiters = []
      for (const resolve of waiters) resolve(idle())
      return settled
    },
  }
  registry?.register(worker)
  return queue
}
