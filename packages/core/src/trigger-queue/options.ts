import { describeValue, InvalidOptionError, prefix } from '../errors.ts'
import { isTaskLevel, LEVELS, type TaskLevel } from '../levels.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { KernelRegistry as TaskRegistry } from '../registry.ts'
import type { RunContext, RunResult } from '../types.ts'

/** What a job receives: a run context whose `signal` aborts on stop (`TaskStoppedError`) or on the job's `timeout` (`TimeoutError`). */
export interface JobContext extends RunContext {
  /** The key this job is for. */
  readonly key: string
}

/** Options of `createTriggerQueue`. */
export interface TriggerQueueOptions<K extends string = string> {
  /** Name of the worker task in the registry (and of the queue in messages). */
  name: string
  /** The job for one key. Its result is recorded like a task run's (`RunResult`, a message, or nothing). */
  run: (key: K, ctx: JobContext) => void | RunResult | string | Promise<void | RunResult | string>
  /** Queue a key once it was notified this many times since its last job started. Default 1. */
  sizeThreshold?: number
  /**
   * Also queue a key whose last job started (before any job: whose first
   * notification came) at least this many ms ago, once it has `staleMinCount`
   * notifications. A timer on the queue's clock fires it; no further
   * `notify()` is needed. Default: off.
   */
  staleAfter?: number
  /** Notifications a key needs for the staleness rule. Default 1. */
  staleMinCount?: number
  /** Most keys waiting at once; beyond it a key is dropped (its count is kept, the drop counted) and a warning is logged once per key. Default 1000. */
  maxSize?: number
  /** Ms one job may take: its signal then aborts with `TimeoutError`, it is recorded as failed and the queue moves on without awaiting it. Default: none. */
  timeout?: number
  /** Jobs running at once, for different keys (a key never runs twice at once). Default 1. */
  concurrency?: number
  /** Called with each failed job's error and key. Default: `logger.warn`. */
  onError?: (error: unknown, key: K) => void
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
  /** Summaries the worker keeps (one per working session). Default 50. */
  historySize?: number
  /** @deprecated Use `staleAfter`. */
  stalenessMs?: number
  /** @deprecated Use `staleMinCount`. */
  stalenessMinCount?: number
  /** @deprecated Use `maxSize`. */
  maxQueueSize?: number
}

/** The options a queue works with, defaults applied. */
export interface QueueSettings {
  name: string
  sizeThreshold: number
  staleAfter: number | undefined
  staleMinCount: number
  maxSize: number
  timeout: number | undefined
  concurrency: number
}

/** Throws an {@link InvalidOptionError} naming the queue. */
export function queueError(name: unknown, message: string): never {
  const who = typeof name === 'string' && name !== '' ? `trigger queue "${name}"` : 'createTriggerQueue()'
  throw new InvalidOptionError(`${prefix(who)}${message}`)
}

function count(name: string, key: string, value: unknown, minimum: number, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    queueError(name, `${key} must be an integer ≥ ${minimum}, got ${describeValue(value)}`)
  }
  return value
}

function ms(name: string, key: string, value: unknown, positive: boolean): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    queueError(name, `${key} must be a ${positive ? 'positive' : 'non-negative'} finite number of milliseconds, got ${describeValue(value)}`)
  }
  return value
}

/** Validates every option (named errors quoting the value) and applies the defaults. */
export function queueSettings(options: TriggerQueueOptions<string>): QueueSettings {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${prefix('createTriggerQueue()')}options must be an object, got ${describeValue(options)}`)
  }
  const { name } = options
  if (typeof name !== 'string' || name.trim() === '') queueError(undefined, `name must be a non-empty string, got ${describeValue(name)}`)
  if (typeof options.run !== 'function') queueError(name, `run must be a function (key, ctx) => …, got ${describeValue(options.run)}`)
  if (options.onError !== undefined && typeof options.onError !== 'function') queueError(name, `onError must be a function, got ${describeValue(options.onError)}`)
  if (options.level !== undefined && !isTaskLevel(options.level)) {
    queueError(name, `level must be one of ${LEVELS.map((l) => `'${l}'`).join(', ')}, got ${describeValue(options.level)}`)
  }
  const staleKey = options.staleAfter === undefined && options.stalenessMs !== undefined ? 'stalenessMs' : 'staleAfter'
  return {
    name,
    sizeThreshold: count(name, 'sizeThreshold', options.sizeThreshold, 1, 1),
    staleAfter: ms(name, staleKey, options.staleAfter ?? options.stalenessMs, false),
    staleMinCount: count(name, options.staleMinCount === undefined && options.stalenessMinCount !== undefined ? 'stalenessMinCount' : 'staleMinCount', options.staleMinCount ?? options.stalenessMinCount, 1, 1),
    maxSize: count(name, options.maxSize === undefined && options.maxQueueSize !== undefined ? 'maxQueueSize' : 'maxSize', options.maxSize ?? options.maxQueueSize, 1, 1000),
    timeout: ms(name, 'timeout', options.timeout, true),
    concurrency: count(name, 'concurrency', options.concurrency, 1, 1),
  }
}
