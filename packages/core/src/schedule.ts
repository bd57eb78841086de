import type { Schedule, ScheduleContext } from './types.ts'
import { assertInterval } from './validate.ts'

export type { Schedule, ScheduleContext } from './types.ts'

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
