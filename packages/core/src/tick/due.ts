import type { Task } from '../task.ts'
import type { TaskRecord } from './record.ts'

/** Most passed-over slots walked through in one decision; beyond it the count is a lower bound. */
const MAX_CATCH_UP = 1000

/** Whether a task runs in this tick, and which slot it would claim. */
export type DueDecision =
  /** Due: `slot` (≤ now) is the latest slot that has come, `skipped` the earlier ones no tick ran. */
  | { kind: 'due'; slot: number; skipped: number }
  /** Not yet: next due at `at`. */
  | { kind: 'later'; at: number }
  /** Will never run again. */
  | { kind: 'ended'; reason: string }

/**
 * Decides from the task's schedule and its stored record whether it is due at
 * `now`. The schedule is asked as its own loop would ask it after the last
 * run, with that run's tick time as "now": so a fixed-delay task of 60 s
 * ticked once a minute runs on every tick. The answer given after the last
 * run is kept in the record and reused while the schedule is unchanged. When several slots came since,
 * the latest one is claimed and the others count as skipped, never run in a burst.
 */
export function decideDue(task: Task, record: TaskRecord, now: number): DueDecision {
  if (record.stopReason !== null) return { kind: 'ended', reason: record.stopReason }
  const { maxRuns, until } = task.config
  if (maxRuns !== null && record.runCount >= maxRuns) return { kind: 'ended', reason: `completed: maxRuns (${maxRuns}) reached` }
  let skipped = 0
  const skip = (count: number): void => {
    skipped += count
  }
  // Tick mode lives in epoch ms (the platform's slot times), for every schedule.
  const first = storedDue(task, record) ?? asMs(task.schedule.next({
    now: record.lastTickAt ?? now,
    wallNow: record.lastTickAt ?? now,
    previousDueAt: record.lastDueAt,
    runCount: record.runCount,
    consecutiveFailures: record.consecutiveFailures,
    skip,
    memo: undefined,
  }))
  if (first === null || !Number.isFinite(first)) return { kind: 'ended', reason: 'completed: the schedule has no further runs' }
  if (until !== null && first > until) return { kind: 'ended', reason: `completed: next run would be after until (${until})` }
  if (first > now) return { kind: 'later', at: first }
  let slot = first
  for (let walked = 0; walked < MAX_CATCH_UP; walked++) {
    const following = asMs(task.schedule.next({
      now: slot,
      wallNow: slot,
      previousDueAt: slot,
      runCount: record.runCount + 1,
      consecutiveFailures: record.consecutiveFailures,
      skip: () => {},
      memo: undefined,
    }))
    if (following === null || !Number.isFinite(following) || following > now || following <= slot) break
    if (until !== null && following > until) break
    slot = following
    skipped++
  }
  return { kind: 'due', slot, skipped }
}

/**
 * The due time the last run computed, while the schedule is unchanged: asked
 * once, as the loop asks it, so a random schedule (jitter) is not re-drawn on
 * every tick. A deploy that changes the schedule makes it ask again.
 */
function storedDue(task: Task, record: TaskRecord): number | undefined {
  if (record.nextDueAt === null || record.lastTickAt === null) return undefined
  return record.config?.schedule === task.config.schedule ? record.nextDueAt : undefined
}

/** When the task is next due after a run of `slot` in the tick at `now`, or null when it has ended. */
export function nextDueAfterRun(task: Task, record: TaskRecord, now: number): number | null {
  const decision = decideDue(task, record, now)
  if (decision.kind === 'ended') return null
  return decision.kind === 'later' ? decision.at : now
}

/** A schedule's answer as epoch ms (a `Date` counts as its time), or null. */
function asMs(answer: number | Date | null): number | null {
  return answer instanceof Date ? answer.getTime() : answer
}
