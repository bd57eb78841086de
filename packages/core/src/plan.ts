import { describeValue } from './errors.ts'
import { errorInfo } from './run-result.ts'
import type { Schedule, ScheduleContext } from './types.ts'

/**
 * What asking a schedule for its next slot gave: a due time, or the end of
 * the loop and why. One object reused for every plan (plans are synchronous),
 * so planning allocates nothing.
 */
export interface Plan {
  /** `'due'`: run at `due`; `'completed'`/`'failed'`: end the loop with `reason`. */
  outcome: 'due' | 'completed' | 'failed'
  /** Monotonic ms. */
  due: number
  /** For wall-anchored schedules, the slot in epoch ms (NaN otherwise). */
  wallDue: number
  /** Slots the schedule reported as passed over. */
  skipped: number
  /** The schedule's per-task memo after the call. */
  memo: unknown
  reason: string
  /** What `next()` threw, for the warning. */
  error: unknown
}

const plan: Plan = { outcome: 'due', due: NaN, wallDue: NaN, skipped: 0, memo: undefined, reason: '', error: undefined }

/*
 * Slots a schedule's skip() adds to while its next() runs: one function for
 * every plan instead of a closure each; saved and restored around the call,
 * so a next() that reaches another task's schedule counts correctly.
 */
let pendingSkips = 0
function skip(count: number): void {
  if (typeof count === 'number' && count > 0) pendingSkips += count
}

/** Reused: next() is synchronous, and a schedule that keeps the context sees its fields, not another task's. */
const context: { -readonly [K in keyof ScheduleContext]: ScheduleContext[K] } = {
  now: 0,
  wallNow: 0,
  previousDueAt: null,
  runCount: 0,
  consecutiveFailures: 0,
  skip,
  memo: undefined,
}

/**
 * Asks `schedule` when to run next, from `from` (monotonic ms: the end of
 * the previous run, or the first possible start), and converts its answer to
 * monotonic time. `now`/`wallNow` are one reading of both clocks. `until`
 * (epoch ms) ends the loop when the slot would be after it.
 */
export function planNext(schedule: Schedule, from: number, now: number, wallNow: number, previousDue: number, runCount: number, consecutiveFailures: number, memo: unknown, until: number | undefined): Plan {
  const wall = schedule.anchor === 'wall'
  // Wall time at `from`: the same offset as now (the clocks agree between two readings).
  const fromWall = wallNow + (from - now)
  context.now = wall ? fromWall : from
  context.wallNow = fromWall
  context.previousDueAt = Number.isNaN(previousDue) ? null : previousDue
  context.runCount = runCount
  context.consecutiveFailures = consecutiveFailures
  context.memo = memo
  const outerSkips = pendingSkips
  pendingSkips = 0
  let answer: unknown
  plan.error = undefined
  try {
    answer = schedule.next(context)
  } catch (error) {
    // A schedule that throws cannot say when to run: end the loop visibly
    // instead of throwing out of a timer or promise callback.
    const { name, message } = errorInfo(error)
    plan.error = error
    return end('failed', `schedule.next() threw ${name}: ${message}`)
  } finally {
    plan.skipped = pendingSkips
    pendingSkips = outerSkips
    plan.memo = context.memo
    context.memo = undefined
  }
  if (answer === null) return end('completed', 'completed: the schedule has no further runs')
  let at: number
  let epoch: boolean
  if (answer instanceof Date) {
    at = answer.getTime()
    epoch = true
  } else if (typeof answer === 'number') {
    at = answer
    epoch = wall
  } else {
    return end('failed', `schedule.next() must return a number of ms, a Date or null, got ${describeValue(answer)}`)
  }
  if (at === Number.POSITIVE_INFINITY) {
    // Live, but due only when triggered (a queue's worker between jobs): nothing is armed, nextRunAt is null.
    plan.due = at
    plan.wallDue = Number.NaN
    plan.outcome = 'due'
    plan.reason = ''
    return plan
  }
  if (!Number.isFinite(at)) return end('failed', `schedule.next() must return a finite time or Infinity, got ${describeValue(answer)}`)
  const due = epoch ? now + (at - wallNow) : at
  plan.wallDue = wall ? at : NaN
  plan.due = Math.max(due, from)
  if (until !== undefined && wallNow + (plan.due - now) > until) return end('completed', `completed: next run would be after until (${until})`)
  plan.outcome = 'due'
  plan.reason = ''
  return plan
}

function end(outcome: 'completed' | 'failed', reason: string): Plan {
  plan.outcome = outcome
  plan.reason = reason
  plan.due = NaN
  plan.wallDue = NaN
  return plan
}
