import { systemClock, type Clock } from './clock.ts'
import { describeValue, InvalidOptionError, prefix } from './errors.ts'
import { timerQueueFor } from './timer-queue.ts'
import { assertClock } from './validate.ts'

/** Options of {@link sleep}. */
export interface SleepOptions {
  /** Clock to wait on. Default: the system clock. */
  clock?: Clock
  /** When false, the wait does not keep a Node/Bun/Deno process alive. Default true. */
  keepAlive?: boolean
}

/**
 * Waits `ms` milliseconds, or less when `signal` aborts.
 *
 * Resolves `true` when the full time passed and `false` when interrupted; it
 * never rejects. It checks `signal.aborted` first, and on every path removes
 * its abort listener and its timer, so a long-lived signal collects nothing.
 * Delays beyond 2^31−1 ms work: the wait is re-checked at least every 30 s.
 *
 * @example
 * while (await sleep(1000, signal)) poll()
 */
export function sleep(ms: number, signal?: AbortSignal, options?: SleepOptions): Promise<boolean> {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) {
    return Promise.reject(
      new InvalidOptionError(`${prefix('sleep')}ms must be a non-negative number of milliseconds, got ${describeValue(ms)}`),
    )
  }
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || typeof signal.addEventListener !== 'function')) {
    return Promise.reject(new InvalidOptionError(`${prefix('sleep')}signal must be an AbortSignal, got ${describeValue(signal)}`))
  }
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    return Promise.reject(new InvalidOptionError(`${prefix('sleep')}options must be an object, got ${describeValue(options)}`))
  }
  try {
    if (options?.clock !== undefined) assertClock(options.clock, 'sleep')
  } catch (error) {
    return Promise.reject(error)
  }
  if (signal?.aborted) return Promise.resolve(false)
  const clock = options?.clock ?? systemClock
  const queue = timerQueueFor(clock)
  return new Promise<boolean>((resolve) => {
    const onAbort = (): void => {
      queue.cancel(entry)
      resolve(false)
    }
    const entry = queue.schedule(
      clock.now() + ms,
      () => {
        signal?.removeEventListener('abort', onAbort)
        resolve(true)
      },
      { keepAlive: options?.keepAlive ?? true },
    )
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
