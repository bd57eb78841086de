import { describeValue, InvalidOptionError, prefix } from './errors.ts'
import type { Schedule, ScheduleContext } from './schedule.ts'

/** Options of {@link backoff}. */
export interface BackoffOptions {
  /** Each failure in a row multiplies the wait by this. Default 2. */
  factor?: number
  /** The longest wait in ms after failures. Default: 32 × the schedule's interval (required for schedules without one). */
  max?: number
}

function positive(value: unknown, what: string, minimum: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
    throw new InvalidOptionError(`${prefix('backoff()')}${what} must be a finite number ≥ ${minimum}, got ${describeValue(value)}`)
  }
}

/**
 * Waits longer after failures: after `n` failed runs in a row the wait is the
 * schedule's wait × `factor`^n, capped at `max`. The first success brings the
 * schedule back to its normal pace (the task resets `consecutiveFailures`).
 * It never waits less than the wrapped schedule asks for.
 *
 * @example
 * createTask({ name: 'sync', schedule: backoff(fixedDelay(5000), { factor: 2, max: 60_000 }), run: sync })
 * // healthy: every 5 s; failing: 10 s, 20 s, 40 s, 60 s, 60 s …
 */
export function backoff(schedule: Schedule, options: BackoffOptions = {}): Schedule {
  if (schedule === null || typeof schedule !== 'object' || typeof schedule.next !== 'function') {
    throw new InvalidOptionError(`${prefix('backoff()')}needs a schedule with a next(context) function, got ${describeValue(schedule)}`)
  }
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${prefix('backoff()')}options must be an object, got ${describeValue(options)}`)
  }
  const factor = options.factor ?? 2
  positive(factor, 'factor', 1)
  const interval = schedule.interval
  if (options.max === undefined && interval === null) {
    throw new InvalidOptionError(`${prefix('backoff()')}needs max (ms) for a schedule without an interval, got ${describeValue(options.max)}`)
  }
  const max = options.max ?? (interval as number) * 32
  positive(max, 'max', 0)
  return {
    interval,
    anchor: schedule.anchor,
    description: `${schedule.description ?? 'custom schedule'}, backoff ×${factor} up to ${max} ms`,
    next(context: ScheduleContext): number | null {
      const next = schedule.next(context)
      const failures = context.consecutiveFailures
      if (next === null) return null
      const base = typeof next === 'number' ? next : next.getTime()
      if (failures <= 0) return base
      // The wait to stretch: the nominal interval when there is one (a fixed-rate
      // slot may be almost due), otherwise what the schedule asked for.
      const wait = interval ?? Math.max(0, base - context.now)
      const stretched = Math.min(wait * factor ** failures, max)
      return Math.max(base, context.now + stretched)
    },
  }
}
