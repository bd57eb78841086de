import { describeValue, InvalidOptionError, prefix } from './errors.ts'
import type { Schedule, ScheduleContext } from './schedule.ts'

interface JitterMemo {
  jittered: number | null
  base: number | null
  inner: unknown
}

/** Options of {@link jitter}. */
export interface JitterOptions {
  /** A source of numbers in [0, 1). Default `Math.random`, looked up at call time; inject one in tests. */
  random?: () => number
}

/**
 * Moves each run of `schedule` by up to ±`ratio` of its interval (of the wait, for schedules without one), so many
 * clients on the same interval do not hit a server in lockstep.
 *
 * The wrapped schedule keeps seeing its own, un-jittered deadlines: a
 * fixed-rate grid stays on its grid instead of drifting by the jitter.
 * A run is never moved before `now`, and the first run (a wait of 0) is not moved.
 *
 * @example
 * createTask({ name: 'poll', schedule: jitter(fixedDelay(10_000), 0.2), run: poll }) // every 8–12 s
 */
export function jitter(schedule: Schedule, ratio: number, options: JitterOptions = {}): Schedule {
  if (schedule === null || typeof schedule !== 'object' || typeof schedule.next !== 'function') {
    throw new InvalidOptionError(`${prefix('jitter()')}needs a schedule with a next(context) function, got ${describeValue(schedule)}`)
  }
  if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new InvalidOptionError(`${prefix('jitter()')}ratio must be a number from 0 to 1, got ${describeValue(ratio)}`)
  }
  const random = options.random
  if (random !== undefined && typeof random !== 'function') {
    throw new InvalidOptionError(`${prefix('jitter()')}random must be a function returning [0, 1), got ${describeValue(random)}`)
  }
  const description = `${schedule.description ?? 'custom schedule'} ±${Math.round(ratio * 100)}% jitter`
  return {
    interval: schedule.interval,
    description,
    anchor: schedule.anchor,
    next(context: ScheduleContext): number | null {
      // Per task (in the task's memo, never in this shared object): the last
      // deadline handed out, the un-jittered one behind it, and the inner memo.
      const memo = (context.memo as JitterMemo | undefined) ?? { jittered: null, base: null, inner: undefined }
      const previousDueAt = context.previousDueAt !== null && context.previousDueAt === memo.jittered ? memo.base : context.previousDueAt
      const inner: ScheduleContext = {
        now: context.now,
        wallNow: context.wallNow,
        previousDueAt,
        runCount: context.runCount,
        consecutiveFailures: context.consecutiveFailures,
        skip: (count) => context.skip(count),
        memo: memo.inner,
      }
      const next = schedule.next(inner)
      memo.inner = inner.memo
      context.memo = memo
      if (next === null) return null
      const base = typeof next === 'number' ? next : next.getTime()
      const wait = base - context.now
      let due = base
      if (wait > 0) {
        const draw = (random ?? Math.random)()
        const unit = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1) : 0.5
        // Spread by the nominal interval when there is one: a fixed-rate slot may be almost due.
        const spread = schedule.interval ?? wait
        due = Math.max(context.now, base + (unit * 2 - 1) * ratio * spread)
      }
      memo.base = base
      memo.jittered = due
      return due
    },
  }
}
