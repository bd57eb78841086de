import type { Clock } from './clock.ts'
import { taskPrefix, TimeoutError } from './errors.ts'
import { levelRank } from './levels.ts'
import { safeWarn } from './logger.ts'
import { PluginSessions } from './plugin-sessions.ts'
import { planNext } from './plan.ts'
import type { RunHistory } from './run-history.ts'
import { RunRecorder } from './run-recorder.ts'
import { execute, TaskRun } from './run.ts'
import { configOf, updatedConfig, type TaskConfig, type TaskUpdate } from './task-config.ts'
import type { TimerEntry } from './timer-heap.ts'
import { MAX_WAIT_MS, timerQueueFor, type TimerQueue } from './timer-queue.ts'
import type { LoopOwner } from './loop-owner.ts'
import type { RunContext, RunnerStatus, RunSummary, TaskOptions, TaskPlugin, TaskState } from './types.ts'

/** Where the loop is. The public `state` is derived from it and the run in flight. */
export type Phase = 'idle' | 'live' | 'paused' | 'stopped' | 'completed' | 'failed'

/** What can happen to a loop: every change of its state record is one of these, through {@link LoopMachine.transition}. */
export type { LoopEvent, LoopOwner } from './loop-owner.ts'

export type LoopEventType = 'start' | 'stop' | 'pause' | 'resume' | 'trigger' | 'due' | 'dispatched' | 'release' | 'runSettled' | 'configChanged'

/** A plugin holds the due run (`admit` → `'hold'`), or started it another way (`dispatch`). */
const NOT_PARKED = 0
const HELD = 1
const DISPATCHED = 2

/**
 * A task's loop: one state record and one transition function.
 *
 * Every field of the record below changes only inside {@link transition}
 * (and the helpers it calls); after each event it derives the public state,
 * emits `stateChanged` when that changed, and makes the one timer agree with
 * the record (armed exactly when the loop waits for a run). The state table
 * is in `docs/kernel.md`.
 *
 * All times are monotonic ms (`clock.now()`) unless named `wall`.
 */
export class LoopMachine {
  readonly queue: TimerQueue
  config: TaskConfig
  plugins: readonly TaskPlugin[]
  runFunction: TaskOptions['run'] | undefined
  readonly recorder: RunRecorder
  readonly #owner: LoopOwner
  readonly #options: Readonly<TaskOptions>
  readonly #work: (ctx: RunContext) => unknown
  readonly #sessions: PluginSessions

  // The state record.
  #phase: Phase = 'idle'
  /** The planned run; NaN when none. Kept while paused. */
  #due = NaN
  /** The planned run before a plugin stretched it (`whenHidden: 'slow'`). */
  #unstretched = NaN
  /** For wall-anchored schedules: the planned slot in epoch ms. */
  #wallDue = NaN
  /** Wall minus monotonic time when the plan was made: a safety wake re-plans only when it moved (a wall-clock step). */
  #planOffset = NaN
  /** The slot the previous scheduled run was due at, in the schedule's time base; NaN before the first. */
  #previousDue = NaN
  /** When the previous run ended; NaN before the first. */
  #lastEnd = NaN
  /** Runs since start(). */
  #runs = 0
  /** A manual run asked for while another was in flight: it starts from a fresh turn after it. */
  #queued = false
  #parked: 0 | 1 | 2 = NOT_PARKED
  /** Tells a dispatched start apart from a later one (a start after stop/pause/trigger is dropped). */
  #dispatchToken = 0
  #run: TaskRun | undefined
  #memo: unknown
  stopReason: string | undefined
  state: TaskState = 'idle'

  #timer: TimerEntry | undefined
  /** The wall offset `nextRunAt` was last shown with (display only, not loop state). */
  #shownOffset = NaN
  /** A microtask to start the queued run is pending. */
  #kicked = false
  #settleWaiters: (() => void)[] | undefined

  constructor(owner: LoopOwner, options: TaskOptions, clock: Clock, plugins: readonly TaskPlugin[], work: (ctx: RunContext) => unknown) {
    this.#owner = owner
    this.#options = options
    this.#work = work
    this.queue = timerQueueFor(clock)
    this.config = configOf(options)
    this.plugins = plugins
    this.runFunction = options.run
    // The loop is the sessions' controls and the recorder's config source: no closures per task.
    this.#sessions = new PluginSessions(owner.name, options, clock, this)
    this.recorder = new RunRecorder(owner, this, this.#sessions)
  }

  get live(): boolean {
    return this.#phase === 'live' || this.#phase === 'paused'
  }

  get history(): RunHistory | undefined {
    return this.recorder.history
  }

  get stats(): RunRecorder {
    return this.recorder
  }

  /** The index of the run in flight, if any. */
  get runInFlight(): number | undefined {
    return this.#run?.runIndex
  }

  lastSummary(): RunSummary | null {
    return this.recorder.lastSummary()
  }

  runner(): RunnerStatus | undefined {
    return this.#sessions.runner(this.plugins)
  }

  /** Epoch ms of the planned run, converted now; null when none. A paused loop keeps it. */
  nextRunAt(): number | null {
    if (!Number.isFinite(this.#due) || this.#run !== undefined) return null
    const clock = this.queue.clock
    // Wall minus monotonic time, kept while it holds within 1 ms: two reads
    // give the same value (React compares snapshots), a wall step shows at once.
    const offset = clock.wallNow() - clock.now()
    if (!(Math.abs(offset - this.#shownOffset) < 1)) this.#shownOffset = offset
    return this.#due + this.#shownOffset
  }

  /** A run is far past its expected end (its timeout, or 3 intervals without one). */
  stalled(): boolean {
    const run = this.#run
    if (run === undefined) return false
    const allowed = this.config.timeout ?? 3 * (this.config.schedule.interval ?? 60_000)
    return run.recorded || this.queue.clock.now() - run.startedAt > allowed
  }

  /**
   * The one place the loop's state changes. Returns whether the event did
   * anything (start() on a live loop does not).
   */
  transition(event: LoopEventType, detail?: unknown): boolean {
    const now = this.queue.clock.now()
    let changed = true
    switch (event) {
      case 'start':
        if (this.live) return false
        this.#phase = 'live'
        this.stopReason = undefined
        this.#runs = 0
        this.#previousDue = NaN
        this.#lastEnd = NaN
        this.#memo = undefined
        this.#sessions.attach(this.plugins)
        this.#plan(now + (this.#options.initialDelay ?? 0), now)
        break
      case 'stop':
        this.#queued = false
        if (this.live) this.#end('stopped', 'stopped by stop()')
        else changed = false
        break
      case 'pause':
        if (this.#phase !== 'live') return false
        this.#phase = 'paused'
        this.#parked = NOT_PARKED
        break
      case 'resume':
        if (this.#phase !== 'paused') return false
        this.#phase = 'live'
        // The due time is kept: before it the loop waits, after it the timer fires at once (one run).
        if (this.#run === undefined && Number.isNaN(this.#due)) this.#plan(now, now)
        break
      case 'trigger':
        if (this.#run !== undefined) {
          this.#queued = true
          return true
        }
        this.#parked = NOT_PARKED
        // A manual run in a live loop replaces the planned one: the next is planned from its end.
        if (this.live) this.#due = NaN
        this.#startRun('manual', now)
        break
      case 'due':
        this.#onDue(now)
        break
      case 'dispatched':
        this.#onDispatched(detail as number)
        break
      case 'release':
        this.#onRelease(now)
        break
      case 'runSettled':
        this.#onSettled(now)
        break
      case 'configChanged':
        this.#onConfigChanged(detail as TaskUpdate, now)
        break
    }
    this.#sync(now)
    return changed
  }

  /**
   * Resolves true once no run is in flight, or false after `timeout` ms: the
   * run is then abandoned (recorded as failed so its own timeout timer does
   * not outlive the stop). Aborts the run's signal with `reason` first.
   */
  settled(timeout: number, reason: Error): Promise<boolean> {
    const run = this.#run
    if (run === undefined) return Promise.resolve(true)
    run.abort(reason)
    return new Promise<boolean>((resolve) => {
      const entry = this.queue.schedule(
        this.queue.clock.now() + timeout,
        () => {
          this.recorder.abandon(run, timeout, this.queue)
          resolve(false)
        },
        { keepAlive: this.config.keepAlive },
      )
      ;(this.#settleWaiters ??= []).push(() => {
        this.queue.cancel(entry)
        resolve(true)
      })
    })
  }

  /** One run outside the loop, resolving with its summary (tick mode). `scheduledAt` is epoch ms. */
  runOnce(trigger: RunSummary['trigger'], scheduledAt: number | undefined): Promise<RunSummary> {
    const clock = this.queue.clock
    const now = clock.now()
    const due = scheduledAt === undefined ? now : now - (clock.wallNow() - scheduledAt)
    const index = this.recorder.nextIndex
    const summary = this.recorder.whenRecorded(index)
    // The slot is kept exactly: converting it to monotonic time and back would move it by the clocks' jitter.
    this.#startRun(trigger, due, scheduledAt)
    this.#sync(clock.now())
    return summary
  }

  #end(phase: 'stopped' | 'completed' | 'failed', reason: string): void {
    this.#phase = phase
    this.stopReason = reason
    this.#due = NaN
    this.#parked = NOT_PARKED
    this.#sessions.detach()
  }

  /** Asks the schedule for the next slot from `from` and keeps it as the due time, or ends the loop. */
  #plan(from: number, now: number, runCount = this.#runs): void {
    const { maxRuns, schedule, until } = this.config
    if (maxRuns !== undefined && this.#runs >= maxRuns) {
      this.#end('completed', `completed: maxRuns (${maxRuns}) reached`)
      return
    }
    const wallNow = this.queue.clock.wallNow()
    const plan = planNext(schedule, from, now, wallNow, this.#previousDue, runCount, this.recorder.consecutiveFailures, this.#memo, until)
    this.#memo = plan.memo
    if (plan.outcome !== 'due') {
      if (plan.error !== undefined) safeWarn(this.config.logger, `${taskPrefix(this.#owner.name)}schedule.next() threw`, plan.error)
      else if (plan.outcome === 'failed') safeWarn(this.config.logger, `${taskPrefix(this.#owner.name)}${plan.reason}`)
      this.#end(plan.outcome, plan.reason)
      return
    }
    this.recorder.skippedRuns += plan.skipped
    this.#wallDue = plan.wallDue
    this.#planOffset = wallNow - now
    this.#unstretched = plan.due
    this.#due = this.#sessions.stretch(now, plan.due)
  }

  #onDue(now: number): void {
    if (this.#run !== undefined) return
    if (this.#queued) {
      this.#queued = false
      this.#startRun('manual', now)
      return
    }
    if (this.#phase !== 'live' || Number.isNaN(this.#due)) return
    const { until, schedule } = this.config
    if (until !== undefined && this.queue.clock.wallNow() > until) {
      this.#end('completed', `completed: until (${until}) passed`)
      return
    }
    if (now < this.#due) {
      // A safety wake (≤ 30 s): a wall-anchored plan is asked again, so a wall-clock step re-plans it.
      if (schedule.anchor === 'wall' && Math.abs(this.queue.clock.wallNow() - now - this.#planOffset) >= 1) this.#replanWall(now)
      return
    }
    const admission = this.#sessions.admit(this.#due)
    if (admission === 'hold') {
      this.#parked = HELD
      return
    }
    if (admission === 'skip') {
      // Another context runs it: keep the rhythm, so taking over waits at most one slot.
      this.#previousDue = schedule.anchor === 'wall' ? this.#wallDue : this.#due
      this.#plan(now, now, Math.max(1, this.#runs))
      return
    }
    const token = ++this.#dispatchToken
    this.#parked = DISPATCHED
    if (this.#sessions.dispatch(() => this.transition('dispatched', token))) return
    this.#parked = NOT_PARKED
    this.#startRun('schedule', this.#due)
  }

  /** A dispatcher started the run it took; dropped when stop, pause or trigger came in between. */
  #onDispatched(token: number): void {
    if (token !== this.#dispatchToken || this.#parked !== DISPATCHED || this.#phase !== 'live' || this.#run !== undefined) return
    this.#parked = NOT_PARKED
    this.#startRun('schedule', this.#due)
  }

  #replanWall(now: number): void {
    const previousSlot = this.#wallDue
    const skippedBefore = this.recorder.skippedRuns
    this.#plan(Number.isNaN(this.#lastEnd) ? now : Math.max(this.#lastEnd, now), now)
    // The same slot again: its skipped slots were counted when it was first planned.
    if (this.#wallDue === previousSlot) this.recorder.skippedRuns = skippedBefore
  }

  #onRelease(now: number): void {
    if (this.#parked === HELD) {
      this.#parked = NOT_PARKED
      this.#onDue(Math.max(now, this.#due))
    } else if (this.#parked === DISPATCHED) {
      // The dispatcher gave up (a broken postTask): start plainly.
      this.#parked = NOT_PARKED
      if (this.#phase === 'live' && this.#run === undefined && !Number.isNaN(this.#due)) this.#startRun('schedule', this.#due)
    } else if (this.#phase === 'live' && this.#run === undefined && !Number.isNaN(this.#unstretched)) {
      // A stretch ended (the page is visible again): back to the real deadline.
      this.#due = this.#sessions.stretch(now, this.#unstretched)
    }
  }

  #onConfigChanged(changes: TaskUpdate, now: number): void {
    const previous = this.config
    this.config = updatedConfig(previous, changes)
    if (changes.run !== undefined) this.runFunction = changes.run
    if (changes.historySize !== undefined) this.recorder.resize(changes.historySize)
    if (!this.live) return
    const { maxRuns, until } = this.config
    if ('maxRuns' in changes && maxRuns !== undefined && this.#runs >= maxRuns) {
      this.#end('completed', `completed: maxRuns (${maxRuns}) reached`)
      return
    }
    const wallNow = this.queue.clock.wallNow()
    const planned = Number.isFinite(this.#due) ? wallNow + (this.#due - now) : wallNow
    if ('until' in changes && until !== undefined && (wallNow > until || (this.#run === undefined && planned > until))) {
      this.#end('completed', `completed: next run would be after until (${until})`)
      return
    }
    const firstWait = this.#runs === 0 && Number.isNaN(this.#previousDue)
    // Before the first run the initialDelay wait is kept; during a run the change applies from the next wait.
    if (this.config.schedule !== previous.schedule && this.#run === undefined && !firstWait && this.#parked === NOT_PARKED) {
      this.#plan(Number.isNaN(this.#lastEnd) ? now : this.#lastEnd, now)
      if (!Number.isNaN(this.#due)) this.#due = Math.max(this.#due, now)
    }
  }

  #startRun(trigger: RunSummary['trigger'], due: number, slot?: number): void {
    const clock = this.queue.clock
    const startedAt = clock.now()
    if (trigger === 'schedule') {
      this.#previousDue = this.config.schedule.anchor === 'wall' ? this.#wallDue : due
      this.#due = NaN
    }
    const recorder = this.recorder
    const run = new TaskRun(this.#owner.name, recorder.nextIndex++, recorder.consecutiveFailures + 1, this.#sessions.fence(), trigger, due, startedAt, clock.wallNow(), !this.live, slot ?? Number.NaN)
    this.#run = run
    this.#runs++
    this.#derive()
    if (this.#owner.heard) this.#owner.emit({ type: 'runStarted', runIndex: run.runIndex, run: undefined })
    const pending = execute(run, this.#work, this)
    const timeout = this.config.timeout
    if (pending && timeout !== undefined && this.#run === run) {
      run.timeoutEntry = this.queue.schedule(startedAt + timeout, () => this.#onTimeout(run, timeout), { keepAlive: this.config.keepAlive })
    }
  }

  #onTimeout(run: TaskRun, timeout: number): void {
    run.timeoutEntry = undefined
    const error = new TimeoutError(`${taskPrefix(this.#owner.name)}timed out after ${timeout} ms`)
    run.abort(error)
    this.recorder.recordTimeout(run, timeout, error)
    this.#derive()
  }

  /** How a run's work ended (from `execute`; a method, so no closure per task). */
  settle(run: TaskRun, value: unknown, error: unknown, threw: boolean): void {
    if (this.#run !== run) return
    if (run.timeoutEntry !== undefined) this.queue.cancel(run.timeoutEntry)
    const irrecoverable = this.recorder.recordSettled(run, value, error, threw, this.queue.clock.now())
    if (irrecoverable !== undefined && this.#phase !== 'failed') this.#end('failed', irrecoverable)
    this.transition('runSettled', run)
  }

  #onSettled(now: number): void {
    this.#run = undefined
    this.#lastEnd = now
    const waiters = this.#settleWaiters
    if (waiters !== undefined) {
      this.#settleWaiters = undefined
      for (const resolve of waiters) resolve()
    }
    if (this.live && Number.isNaN(this.#due) && !this.#queued) this.#plan(now, now)
    else if (this.#phase === 'paused' && this.config.maxRuns !== undefined && this.#runs >= this.config.maxRuns) this.#end('completed', `completed: maxRuns (${this.config.maxRuns}) reached`)
  }

  /** Derives the public state from the record; emits when it changed. */
  #derive(): void {
    const run = this.#run
    let next: TaskState
    if (run !== undefined && (this.#phase === 'live' || (run.outsideLoop && this.#phase !== 'paused'))) next = 'running'
    else if (this.#phase === 'live') next = 'scheduled'
    else next = this.#phase
    if (next === this.state) return
    this.state = next
    this.#owner.emitStateChanged()
  }

  /** Makes the one timer agree with the record: armed exactly when the loop waits for a run. */
  #sync(now: number): void {
    this.#derive()
    let deadline = NaN
    if (this.#run === undefined) {
      if (this.#queued) {
        // From a fresh microtask, never from inside the settle: a run that triggers itself never grows the stack.
        if (!this.#kicked) {
          this.#kicked = true
          queueMicrotask(() => {
            this.#kicked = false
            this.transition('due')
          })
        }
      } else if (this.#phase === 'live' && this.#parked === NOT_PARKED && Number.isFinite(this.#due)) {
        deadline = this.#due
        // Wall-anchored plans wake at least every 30 s to re-check the wall clock.
        if (this.config.schedule.anchor === 'wall' || this.config.until !== undefined) deadline = Math.min(deadline, now + MAX_WAIT_MS)
      }
    }
    const timer = this.#timer
    if (Number.isNaN(deadline)) {
      if (timer !== undefined) this.queue.cancel(timer)
      return
    }
    const rank = levelRank(this.config.level)
    if (timer === undefined) this.#timer = this.queue.schedule(deadline, this.#onTimer, { rank, keepAlive: this.config.keepAlive }, this)
    else if (!this.queue.isPending(timer) || timer.deadline !== deadline || timer.rank !== rank) this.queue.reschedule(timer, deadline, rank)
  }

  /** A plugin lets a held or dispatched run go (see `PluginHost.release`). */
  release(): void {
    this.transition('release')
  }

  /** A plugin aborts the run in flight, e.g. on a lost lease. */
  abortRun(reason: Error): void {
    this.#run?.abort(reason)
  }

  /** A plugin's status changed. */
  changed(): void {
    this.#owner.emitStateChanged()
  }

  /** The timer fired (called by the queue with `this` set: one method for all tasks, no closure each). */
  #onTimer(): void {
    this.transition('due')
  }
}
