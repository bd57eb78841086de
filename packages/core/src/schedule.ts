import { describeValue, InvalidOptionError, prefix } from './errors.ts'

/** What a schedule is told when asked for the next run time. */
export interface ScheduleContext {
  /** Current epoch ms: the end of the previous run, or the first possible start. */
  readonly now: number
  /** The slot the previous scheduled run was due at; null before the first run. */
  readonly previousDueAt: number | null
  /** Runs so far since `start()`. */
  readonly runCount: number
  /** Failed runs in a row just before now. */
  readonly consecutiveFailures: number
  /** Report slots that were passed over (fixed-rate catch-up is never a burst). */
  skip(count: number): void
}

/**
 * When a task runs next. Implement it to plug in your own policy.
 *
 * @example
 * const everyOtherSecond: Schedule = { interval: 2000, next: ({ now }) => now + 2000 }
 */
export interface Schedule {
  /** Epoch ms of the next run (never before `now` in effect), or null for "no more runs". */
  next(context: ScheduleContext): number | null
  /** The nominal period in ms when there is one (shown in status and devtools); null otherwise. */
  readonly interval: number | null
  /** A short human description, e.g. `every 1000 ms`. */
  readonly description?: string
}

/** Throws unless `ms` is a positive finite number; names what was received. */
export function assertInterval(ms: unknown, where: string): asserts ms is number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
    throw new InvalidOptionError(`${prefix(where)}interval must be a positive finite number of milliseconds, got ${describeValue(ms)}`)
  }
}

/**
 * A fixed-delay schedule. A class, so `next` lives on the prototype and the
 * description is built only when read: an idle task's schedule is one small
 * object (at 100,000 tasks a closure, its context and a description string
 * per task cost ~200 B each).
 */
class FixedDelay implements Schedule {
  readonly interval: number

  constructor(ms: number) {
    this.interval = ms
  }

  get description(): string {
    return `every ${this.interval} ms (fixed delay)`
  }

  next(context: ScheduleContext): number {
    return context.runCount === 0 ? context.now : context.now + this.interval
  }
}

/**
 * The default: the next run starts `ms` after the previous one ended, so runs
 * never pile up however long they take.
 */
export function fixedDelay(ms: number): Schedule {
  assertInterval(ms, 'fixedDelay()')
  return new FixedDelay(ms)
}

/** Stateless, so tasks created with the same `interval` share one (bounded: intervals are few in practice). */
const shared = new Map<number, Schedule>()
const MAX_SHARED = 256

/** A fixed-delay schedule for `ms`, shared with other tasks of the same interval. `ms` must be valid already. */
export function sharedFixedDelay(ms: number): Schedule {
  let schedule = shared.get(ms)
  if (schedule === undefined) {
    schedule = new FixedDelay(ms)
    if (shared.size < MAX_SHARED) shared.set(ms, schedule)
  }
  return schedule
}

/**
 * Runs on a grid of absolute deadlines `start + k·ms`, so lateness never
 * accumulates. A slot missed because a run overran is skipped (and counted),
 * never run in a burst to catch up.
 */
export function fixedRate(ms: number): Schedule {
  assertInterval(ms, 'fixedRate()')
  return {
    interval: ms,
    description: `every ${ms} ms (fixed rate)`,
    next: ({ now, previousDueAt, skip }) => {
      if (previousDueAt === null) return now
      let due = previousDueAt + ms
      if (due < now) {
        const missed = Math.ceil((now - due) / ms)
        skip(missed)
        due += missed * ms
      }
      return due
    },
  }
}
