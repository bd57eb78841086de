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
 * The default: the next run starts `ms` after the previous one ended, so runs
 * never pile up however long they take.
 */
export function fixedDelay(ms: number): Schedule {
  assertInterval(ms, 'fixedDelay()')
  return {
    interval: ms,
    description: `every ${ms} ms (fixed delay)`,
    next: ({ now, runCount }) => (runCount === 0 ? now : now + ms),
  }
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
