import type { TimerEntry } from './timer-heap.ts'
import type { RunContext, RunSummary } from './types.ts'

/** What a run reports to: the loop that started it. */
export interface RunOwner {
  readonly keepAlive: boolean
  /** Its work ended: a value, or a throw (`threw`). `runIndex` tells a late settle of an earlier run apart. */
  settle(run: TaskRun, runIndex: number, value: unknown, error: unknown, threw: boolean): void
  /** Its `timeout` passed. */
  timedOut(run: TaskRun): void
  /** The run's work (the task's `execute`). */
  work(ctx: RunContext): unknown
}

/**
 * One run in flight: the task's record of it, the `ctx` the run receives,
 * and the timer entry of its `timeout`, in one object. A task reuses it for
 * its next run unless the run read `ctx.signal` (then someone may hold on to
 * it), so a loop of runs allocates nothing. The `AbortController` is made on
 * first use of `signal`: most runs never look.
 */
export class TaskRun implements RunContext, TimerEntry {
  readonly name: string
  runIndex = 0
  attempt = 1
  fence: number | undefined = undefined
  trigger: RunSummary['trigger'] = 'schedule'
  /** Monotonic ms the run was due at (for a manual run: when it was asked for). */
  dueAt = 0
  /** Monotonic ms it started. */
  startedAt = 0
  /** Epoch ms it started. */
  startedWall = 0
  /** Started while the loop was not live (a manual run of an idle or ended task). */
  outsideLoop = false
  /** The exact epoch slot a tick-mode run stands for (NaN: convert from `dueAt`). */
  slot: number = Number.NaN
  /** Set once the run was told to stop (stop, timeout, lost lease); a signal made later starts aborted. */
  abortReason: Error | undefined = undefined
  /** The summary was written early (timed out, abandoned): the settle only frees the loop. */
  recorded = false
  /** The `timeout` armed for this run (ms), kept for its message if `update()` changes it meanwhile. */
  timeoutMs = 0
  // Its timeout's place in the timer queue.
  deadline = 0
  rank = 0
  seq = 0
  index = -1
  readonly #owner: RunOwner
  #controller: AbortController | undefined = undefined

  constructor(name: string, owner: RunOwner) {
    this.name = name
    this.#owner = owner
  }

  /** Makes this the record of a new run (a fresh `ctx` as far as the run can tell). */
  begin(runIndex: number, attempt: number, fence: number | undefined, trigger: RunSummary['trigger'], dueAt: number, startedAt: number, startedWall: number, outsideLoop: boolean, slot: number): void {
    this.runIndex = runIndex
    this.attempt = attempt
    this.fence = fence
    this.trigger = trigger
    this.dueAt = dueAt
    this.startedAt = startedAt
    this.startedWall = startedWall
    this.outsideLoop = outsideLoop
    this.slot = slot
    this.abortReason = undefined
    this.recorded = false
  }

  /** Whether the next run may reuse this object: nobody was handed its signal. */
  get reusable(): boolean {
    return this.#controller === undefined
  }

  get keepAlive(): boolean {
    return this.#owner.keepAlive
  }

  /** Epoch ms the run was due at, converted from monotonic time when it started. */
  get scheduledAt(): number {
    return Number.isNaN(this.slot) ? this.startedWall - (this.startedAt - this.dueAt) : this.slot
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

  /** The timeout passed (called by the timer queue). */
  fire(): void {
    this.#owner.timedOut(this)
  }

  /**
   * Calls the work and reports how it ended through the owner's `settle`: a
   * value, a throw, or a thenable's result. A malformed thenable (a throwing
   * `then` getter, a `then()` that throws) is a failed run, never an
   * exception out of a timer callback. Returns true when the result is
   * pending (a thenable).
   */
  execute(): boolean {
    const owner = this.#owner
    const runIndex = this.runIndex
    let result: unknown
    try {
      result = owner.work(this)
    } catch (error) {
      owner.settle(this, runIndex, undefined, error, true)
      return false
    }
    let then: unknown
    try {
      then = result !== null && (typeof result === 'object' || typeof result === 'function') ? (result as { then?: unknown }).then : undefined
    } catch (error) {
      owner.settle(this, runIndex, undefined, error, true)
      return false
    }
    if (typeof then !== 'function') {
      owner.settle(this, runIndex, result, undefined, false)
      return false
    }
    try {
      ;(then as PromiseLike<unknown>['then']).call(
        result,
        (value) => owner.settle(this, runIndex, value, undefined, false),
        (error: unknown) => owner.settle(this, runIndex, undefined, error, true),
      )
    } catch (error) {
      owner.settle(this, runIndex, undefined, error, true)
      return false
    }
    return true
  }
}
