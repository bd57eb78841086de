import type { TimerEntry } from './timer-heap.ts'
import type { RunContext, RunSummary } from './types.ts'

/**
 * One run in flight: the task's record of it and the `ctx` the run receives,
 * in one object (one allocation per run). A class, not an object literal
 * with a getter: V8 builds such a literal on its slow path. The
 * `AbortController` is made on first use of `signal`: most runs never look.
 */
export class TaskRun implements RunContext {
  readonly name: string
  readonly runIndex: number
  readonly attempt: number
  readonly fence: number | undefined
  readonly trigger: RunSummary['trigger']
  /** Monotonic ms the run was due at (for a manual run: when it was asked for). */
  readonly dueAt: number
  /** Monotonic ms it started. */
  readonly startedAt: number
  /** Epoch ms it started. */
  readonly startedWall: number
  /** Started while the loop was not live (a manual run of an idle or ended task). */
  readonly outsideLoop: boolean
  /** Its `timeout` timer, while armed. */
  timeoutEntry: TimerEntry | undefined = undefined
  /** Set once the run was told to stop (stop, timeout, lost lease); a signal made later starts aborted. */
  abortReason: Error | undefined = undefined
  /** The summary was written early (timed out, abandoned): the settle only frees the loop. */
  recorded = false
  #controller: AbortController | undefined = undefined

  constructor(name: string, runIndex: number, attempt: number, fence: number | undefined, trigger: RunSummary['trigger'], dueAt: number, startedAt: number, startedWall: number, outsideLoop: boolean) {
    this.name = name
    this.runIndex = runIndex
    this.attempt = attempt
    this.fence = fence
    this.trigger = trigger
    this.dueAt = dueAt
    this.startedAt = startedAt
    this.startedWall = startedWall
    this.outsideLoop = outsideLoop
  }

  /** Epoch ms the run was due at, converted from monotonic time when it started. */
  get scheduledAt(): number {
    return this.startedWall - (this.startedAt - this.dueAt)
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController()
      if (this.abortReason !== undefined) this.#controller.abort(this.abortReason)
    }
    return this.#controller.signal
  }

  /** Aborts the signal with `reason` (the first reason wins). */
  abort(reason: Error): void {
    if (this.abortReason !== undefined) return
    this.abortReason = reason
    this.#controller?.abort(reason)
  }
}

/** Who hears how a run's work ended: `settle` is called once per run (later calls are ignored by the loop). */
export interface Settler {
  settle(run: TaskRun, value: unknown, error: unknown, threw: boolean): void
}

/**
 * Calls `work(run)` and reports how it ended through `settle`: a value, a
 * throw, or a thenable's result. A malformed thenable (a throwing `then`
 * getter, a `then()` that throws) is a failed run, never an exception out of
 * a timer callback. Returns true when the result is pending (a thenable).
 */
export function execute(run: TaskRun, work: (ctx: RunContext) => unknown, to: Settler): boolean {
  let result: unknown
  try {
    result = work(run)
  } catch (error) {
    to.settle(run, undefined, error, true)
    return false
  }
  let then: unknown
  try {
    then = result !== null && (typeof result === 'object' || typeof result === 'function') ? (result as { then?: unknown }).then : undefined
  } catch (error) {
    to.settle(run, undefined, error, true)
    return false
  }
  if (typeof then !== 'function') {
    to.settle(run, result, undefined, false)
    return false
  }
  try {
    ;(then as PromiseLike<unknown>['then']).call(
      result,
      (value) => to.settle(run, value, undefined, false),
      (error: unknown) => to.settle(run, undefined, error, true),
    )
  } catch (error) {
    to.settle(run, undefined, error, true)
    return false
  }
  return true
}
