import { isIrrecoverable } from './brand.ts'
import { taskPrefix, TimeoutError } from './errors.ts'
import { FinishedRunRecord } from './finished-run.ts'
import { safeWarn } from './logger.ts'
import type { LoopOwner } from './loop-owner.ts'
import { callSafely } from './report.ts'
import { RunHistory } from './run-history.ts'
import { errorInfo, outcomeOf, type Outcome } from './run-result.ts'
import type { TaskRun } from './run.ts'
import type { TaskConfig } from './task-config.ts'
import type { TimerQueue } from './timer-queue.ts'
import type { FinishedRun, RunSummary } from './types.ts'

/** What the recorder reads of its loop. */
export interface RecorderHost {
  readonly config: TaskConfig
  /** Tells the plugins about a finished run. */
  observe(run: FinishedRun): void
}

const EMPTY_EXTRA: Record<string, string> = Object.freeze({}) as Record<string, string>

/**
 * What a task keeps of its runs: counts, the last run, the history ring,
 * and the reports of failures (`onError`, the logger). The only place these
 * change; nothing here is allocated per successful run. A loop makes its
 * recorder at its first run: a task that never ran keeps none.
 */
export class RunRecorder {
  nextIndex = 0
  totalRuns = 0
  failedRuns = 0
  skippedRuns = 0
  consecutiveFailures = 0
  /** Made at the first run: an idle task keeps no buffer. */
  history: RunHistory | undefined
  #last: FinishedRunRecord | undefined
  /** runOnce() callers waiting for one run's summary. */
  #waiters: Map<number, (summary: RunSummary) => void> | undefined
  readonly #owner: LoopOwner
  readonly #loop: RecorderHost

  constructor(owner: LoopOwner, loop: RecorderHost) {
    this.#owner = owner
    this.#loop = loop
  }

  lastSummary(): RunSummary | null {
    return this.#last === undefined ? null : this.#last.summary()
  }

  resize(size: number): void {
    this.history?.resize(size)
  }

  /** Resolves with run `index`'s summary once it is recorded. */
  whenRecorded(index: number): Promise<RunSummary> {
    return new Promise((resolve) => (this.#waiters ??= new Map()).set(index, resolve))
  }

  /**
   * Records a settled run (unless its timeout recorded it already). Returns
   * the stop reason when the run threw an `IrrecoverableError`.
   */
  recordSettled(run: TaskRun, value: unknown, error: unknown, threw: boolean, now: number): string | undefined {
    if (run.recorded) return undefined
    let failed = threw
    let failure = error
    let outcome: Outcome | undefined
    if (!threw) {
      try {
        outcome = outcomeOf(value)
      } catch (thrown) {
        // A result whose getters throw: record the throw, never leave the run in flight.
        failed = true
        failure = thrown
      }
    }
    outcome ??= { success: false, message: errorInfo(failure).message, extra: EMPTY_EXTRA }
    this.#record(run, outcome.success && !failed, outcome.message, outcome.extra, failed ? failure : undefined, failed, now - run.startedAt)
    if (!failed || !isIrrecoverable(failure)) return undefined
    const { name, message } = errorInfo(failure)
    return `${name}: ${message}`
  }

  /** The run passed its `timeout`: recorded as failed now; its late settle only frees the loop. */
  recordTimeout(run: TaskRun, timeout: number, error: TimeoutError): void {
    this.#record(run, false, `timed out after ${timeout} ms`, EMPTY_EXTRA, error, true, timeout)
    run.recorded = true
  }

  /**
   * stop() gave up on a run that ignores its signal. Its own `timeout` timer
   * would otherwise stay armed after stop()/stopAll() resolved (keeping a
   * process alive for up to `timeout` ms): record the run as failed now instead.
   */
  abandon(run: TaskRun, stopTimeout: number, queue: TimerQueue): void {
    if (run.recorded || !queue.cancel(run)) return
    const message = `still running ${stopTimeout} ms after stop(); abandoned`
    this.#record(run, false, message, EMPTY_EXTRA, new TimeoutError(`${taskPrefix(this.#owner.name)}${message}`), true, queue.clock.now() - run.startedAt)
    run.recorded = true
  }

  #record(run: TaskRun, success: boolean, message: string, extra: Record<string, string>, error: unknown, threw: boolean, durationMs: number): void {
    const last = (this.#last ??= new FinishedRunRecord())
    // `threw`, not `error !== undefined`: a run may reject with undefined.
    last.set(run.runIndex, run.startedWall, durationMs, Math.max(0, run.startedAt - run.dueAt), success, message, extra, run.trigger, threw ? errorInfo(error) : undefined)
    this.totalRuns++
    if (success) this.consecutiveFailures = 0
    else {
      this.failedRuns++
      this.consecutiveFailures++
    }
    const { historySize } = this.#loop.config
    if (historySize > 0) (this.history ??= new RunHistory(historySize)).push(last)
    this.#loop.observe(last)
    if (this.#owner.heard) this.#owner.emit({ type: 'runFinished', runIndex: run.runIndex, run: last })
    const waiter = this.#waiters?.get(run.runIndex)
    if (waiter !== undefined) {
      this.#waiters?.delete(run.runIndex)
      waiter(last.summary())
    }
    if (!success) this.#reportFailure(threw ? error : new Error(message || 'run reported failure'), last)
  }

  #reportFailure(error: unknown, last: FinishedRunRecord): void {
    const { onError, logger } = this.#loop.config
    const who = taskPrefix(this.#owner.name)
    if (onError === undefined) safeWarn(logger, `${who}run ${last.runIndex} failed: ${last.message}`, error)
    else callSafely(logger, `${who}onError`, onError, error, last.summary())
  }
}
