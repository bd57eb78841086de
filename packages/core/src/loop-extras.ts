import type { RunFunction } from './types.ts'

/**
 * The rarely used part of a loop's state record, made on first use: most
 * tasks (fixed delay, no plugin stretching, never updated) never make one,
 * which keeps an idle task small. Written only by the loop's transition.
 */
export class LoopExtras {
  /** For wall-anchored schedules: the planned slot in epoch ms. */
  wallDue: number = Number.NaN
  /** Wall minus monotonic time when the plan was made: a safety wake re-plans only when it moved (a wall-clock step). */
  planOffset: number = Number.NaN
  /** The planned run before a plugin stretched it (`whenHidden: 'slow'`); NaN when none did. */
  unstretched: number = Number.NaN
  /** The schedule's per-task memo. */
  memo: unknown = undefined
  /** `update({ run })`: replaces the run function of the options. */
  run: RunFunction | undefined = undefined
  /** Tells a dispatched start apart from a later one (a start after stop/pause/trigger is dropped). */
  dispatchToken: number = 0
  /** stop() callers waiting for the run in flight. */
  settleWaiters: (() => void)[] | undefined = undefined
}
