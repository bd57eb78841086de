import type { Clock } from './clock.ts'
import { taskPrefix, TimeoutError } from './errors.ts'
import { levelRank } from './levels.ts'
import { safeWarn } from './logger.ts'
import { LoopExtras } from './loop-extras.ts'
import { COMPLETED, DISPATCHED, FAILED, HELD, IDLE, IN_FLIGHT, KICKED, LIVE, PARKED, PAUSED, PHASE, PHASE_STATE, QUEUED, RUNNING_STATE, STATE_SHIFT, STATES, STOPPED } from './loop-flags.ts'
import type { LoopOwner } from './loop-owner.ts'
import { planNext } from './plan.ts'
import { idleRunner, PluginSessions } from './plugin-sessions.ts'
import type { RunHistory } from './run-history.ts'
import { RunRecorder } from './run-recorder.ts'
import { TaskRun, type RunOwner } from './run.ts'
import { configOf, updatedConfig, type TaskConfig, type TaskUpdate } from './task-config.ts'
import type { TimerEntry } from './timer-heap.ts'
import { MAX_WAIT_MS, timerQueueFor, type TimerQueue } from './timer-queue.ts'
import type { FinishedRun, PluginHost, RunContext, RunFunction, RunnerStatus, RunSummary, TaskOptions, TaskPlugin, TaskState } from './types.ts'

export type { LoopEvent, LoopOwner } from './loop-owner.ts'

/** What can happen to a loop: every change of its state record is one of these, through {@link LoopMachine.transition}. */
export type LoopEventType = 'start' | 'stop' | 'pause' | 'resume' | 'trigger' | 'due' | 'dispatched' | 'release' | 'runSettled' | 'configChanged'

const NOT_RUN: Pick<RunRecorder, 'nextIndex' | 'totalRuns' | 'failedRuns' | 'skippedRuns' | 'consecutiveFailures'> = Object.freeze({ nextIndex: 0, totalRuns: 0, failedRuns: 0, skippedRuns: 0, consecutiveFailures: 0 })

/**
 * A task's loop: one state record and one transition function.
 *
 * Every field of the record changes only inside {@link transition} (and the
 * helpers it calls); after each event it derives the public state, emits
 * `stateChanged` when that changed, and makes the timer agree with the
 * record (armed exactly when the loop waits for a run). The state table is
 * in `docs/kernel.md`.
 *
 * The loop is its own timer-queue entry, its small fields are packed in one
 * integer, and what few tasks need (wall-anchored plans, stretches, memos,
 * stop waiters) lives in a {@link LoopExtras} made on first use: an idle
 * task is a couple of small objects.
 *
 * All times are monotonic ms (`clock.now()`) unless named `wall`.
 */
export class LoopMachine implements TimerEntry, RunOwner, PluginHost {
  readonly queue: TimerQueue
  config: TaskConfig
  plugins: readonly TaskPlugin[]
  readonly #owner: LoopOwner
  readonly #options: Readonly<TaskOptions>
  #recorder: RunRecorder | undefined
  #sessions: PluginSessions | undefined
  #extras: LoopExtras | undefined

  // The state record.
  #flags = IDLE
  /** The planned run; NaN when none. Kept while paused. */
  #due = Number.NaN
  /** The slot the previous scheduled run was due at, in the schedule's time base; NaN before the first. */
  #previousDue = Number.NaN
  /** When the previous run ended; NaN before the first. */
  #lastEnd = Number.NaN
  /** Runs since start(). */
  #runs = 0
  /** Why the loop ended, if it did (a field, not an extra: stopAll() of 100,000 tasks makes no side objects). */
  stopReason: string | undefined = undefined
  /** The run in flight while `IN_FLIGHT` is set; else the last one, reused for the next run when it can be. */
  #run: TaskRun | undefined

  // Its place in the timer queue (see TimerEntry).
  deadline = 0
  rank = 0
  seq = 0
  index = -1

  constructor(owner: LoopOwner, options: TaskOptions, clock: Clock, plugins: readonly TaskPlugin[]) {
    this.#owner = owner
    this.#options = options
    this.queue = timerQueueFor(clock)
    this.config = configOf(options)
    this.plugins = plugins
  }

  get live(): boolean {
    const phase = this.#flags & PHASE
    return phase === LIVE || phase === PAUSED
  }

  /** The public state. */
  get state(): TaskState {
    return STATES[(this.#flags >> STATE_SHIFT) & PHASE] as TaskState
  }


  /** The run function: the options', or the one `update({ run })` gave. */
  get runFunction(): RunFunction {
    return this.#extras?.run ?? this.#options.run
  }

  get keepAlive(): boolean {
    return this.config.keepAlive
  }

  get history(): RunHistory | undefined {
    return this.#recorder?.history
  }

  /** Counts of runs (zeros before the first). */
  get stats(): Pick<RunRecorder, 'nextIndex' | 'totalRuns' | 'failedRuns' | 'skippedRuns' | 'consecutiveFailures'> {
    return this.#recorder ?? NOT_RUN
  }

  /** The index of the run in flight, if any. */
  get runInFlight(): number | undefined {
    return this.#flags & IN_FLIGHT ? this.#run?.runIndex : undefined
  }

  lastSummary(): RunSummary | null {
    return this.#recorder?.lastSummary() ?? null
  }

  runner(): RunnerStatus | undefined {
    return this.#sessions?.runner() ?? idleRunner(this.plugins, this.#options, this.config.logger, this.#owner.name)
  }

  /** Epoch ms of the planned run, converted now; null when none. A paused loop keeps it. */
  nextRunAt(): number | null {
    if (!Number.isFinite(this.#due) || this.#flags & IN_FLIGHT) return null
    return this.#due + this.queue.shownOffset()
  }

  /** A run is far past its expected end (its timeout, or 3 intervals without one). */
  stalled(): boolean {
    const run = this.#run
    if (run === undefined || !(this.#flags & IN_FLIGHT)) return false
    const allowed = this.config.timeout ?? 3 * (this.config.schedule.interval ?? 60_000)
    return run.recorded || this.queue.clock.now() - run.startedAt > allowed
  }

  /**
   * The one place the loop's state changes. Returns whether the event did
   * anything (start() on a live loop does not). `now` is the caller's clock
   * reading when it has one (a timer wake), so a wake reads the clock once.
   */
  transition(event: LoopEventType, detail?: unknown, now: number = this.queue.now()): boolean {
    let changed = true
    const phase = this.#flags & PHASE
    switch (event) {
      case 'start':
        if (this.live) return false
        this.#setPhase(LIVE)
        this.stopReason = undefined
        if (this.#extras !== undefined) this.#extras.memo = undefined
        this.#runs = 0
        this.#previousDue = Number.NaN
        this.#lastEnd = Number.NaN
        this.#attach()
        this.#plan(now + (this.#options.initialDelay ?? 0), now)
        break
      case 'stop':
        this.#flags &= ~QUEUED
        if (this.live) this.#end(STOPPED, 'stopped by stop()')
        else changed = false
        break
      case 'pause':
        if (phase !== LIVE) return false
        this.#setPhase(PAUSED)
        this.#flags &= ~PARKED
        break
      case 'resume':
        if (phase !== PAUSED) return false
        this.#setPhase(LIVE)
        // The due time is kept: before it the loop waits, after it the timer fires at once (one run).
        if (!(this.#flags & IN_FLIGHT) && Number.isNaN(this.#due)) this.#plan(now, now)
        break
      case 'trigger':
        if (this.#flags & IN_FLIGHT) {
          this.#flags |= QUEUED
          return true
        }
        this.#flags &= ~PARKED
        // A manual run in a live loop replaces the planned one: the next is planned from its end.
        if (this.live) this.#due = Number.NaN
        this.#startRun('manual', now, now)
        break
      case 'due':
        this.#onDue(now)
        break
      case 'dispatched':
        this.#onDispatched(detail as number, now)
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
    if (run === undefined || !(this.#flags & IN_FLIGHT)) return Promise.resolve(true)
    run.abort(reason)
    return new Promise<boolean>((resolve) => {
      const entry = this.queue.schedule(
        this.queue.clock.now() + timeout,
        () => {
          this.#recorder?.abandon(run, timeout, this.queue)
          resolve(false)
        },
        { keepAlive: this.config.keepAlive },
      )
      ;((this.#extras ??= new LoopExtras()).settleWaiters ??= []).push(() => {
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
    const recorder = this.#record()
    const summary = recorder.whenRecorded(recorder.nextIndex)
    // The slot is kept exactly: converting it to monotonic time and back would move it by the clocks' jitter.
    this.#startRun(trigger, due, now, scheduledAt)
    this.#sync(now)
    return summary
  }

  #setPhase(phase: number): void {
    this.#flags = (this.#flags & ~PHASE) | phase
  }

  #end(phase: number, reason: string): void {
    this.#setPhase(phase)
    this.#flags &= ~PARKED
    this.#due = Number.NaN
    this.stopReason = reason
    this.#sessions?.detach()
  }

  /** Opens the plugins' sessions (closing the last loop's); a loop no plugin attached to keeps no sessions object. */
  #attach(): void {
    this.#sessions?.detach()
    this.#sessions = this.plugins.length === 0 ? undefined : PluginSessions.open(this, this.plugins)
  }

  #record(): RunRecorder {
    return (this.#recorder ??= new RunRecorder(this.#owner, this))
  }

  /** Asks the schedule for the next slot from `from` and keeps it as the due time, or ends the loop. */
  #plan(from: number, now: number, runCount = this.#runs): void {
    const { maxRuns, schedule, until } = this.config
    if (maxRuns !== undefined && this.#runs >= maxRuns) {
      this.#end(COMPLETED, `completed: maxRuns (${maxRuns}) reached`)
      return
    }
    const wallNow = this.queue.wallOf(now)
    let extras = this.#extras
    const plan = planNext(schedule, from, now, wallNow, this.#previousDue, runCount, this.stats.consecutiveFailures, extras?.memo, until)
    if (plan.memo !== undefined || plan.error !== undefined) extras ??= this.#extras = new LoopExtras()
    if (extras !== undefined) extras.memo = plan.memo
    if (plan.outcome !== 'due') {
      if (plan.error !== undefined) safeWarn(this.config.logger, `${taskPrefix(this.#owner.name)}schedule.next() threw`, plan.error)
      else if (plan.outcome === 'failed') safeWarn(this.config.logger, `${taskPrefix(this.#owner.name)}${plan.reason}`)
      this.#end(plan.outcome === 'failed' ? FAILED : COMPLETED, plan.reason)
      return
    }
    if (plan.skipped > 0) this.#record().skippedRuns += plan.skipped
    if (schedule.anchor === 'wall') {
      extras ??= this.#extras = new LoopExtras()
      extras.wallDue = plan.wallDue
      extras.planOffset = wallNow - now
    }
    const due = this.#sessions === undefined ? plan.due : this.#sessions.stretch(now, plan.due)
    if (due !== plan.due) (extras ??= this.#extras = new LoopExtras()).unstretched = plan.due
    else if (extras !== undefined) extras.unstretched = Number.NaN
    this.#due = due
  }

  /** The due run: start it, unless a plugin holds or skips it. `released`: a plugin let a held run go (it may come before the due time). */
  #onDue(now: number, released = false): void {
    if (this.#flags & IN_FLIGHT) return
    if (this.#flags & QUEUED) {
      this.#flags &= ~QUEUED
      this.#startRun('manual', now, now)
      return
    }
    if ((this.#flags & PHASE) !== LIVE || Number.isNaN(this.#due)) return
    const { until, schedule } = this.config
    if (until !== undefined && this.queue.wallOf(now) > until) {
      this.#end(COMPLETED, `completed: until (${until}) passed`)
      return
    }
    if (now < this.#due && !released) {
      // A safety wake (≤ 30 s): a wall-anchored plan is asked again, so a wall-clock step re-plans it.
      if (schedule.anchor === 'wall' && Math.abs(this.queue.wallOf(now) - now - (this.#extras?.planOffset ?? Number.NaN)) >= 1) this.#replanWall(now)
      return
    }
    const sessions = this.#sessions
    if (sessions !== undefined) {
      const admission = sessions.admit(this.#due)
      if (admission === 'hold') {
        this.#flags |= HELD
        return
      }
      if (admission === 'skip') {
        // Another context runs it: keep the rhythm, so taking over waits at most one slot.
        this.#previousDue = schedule.anchor === 'wall' ? (this.#extras?.wallDue ?? Number.NaN) : this.#due
        this.#plan(now, now, Math.max(1, this.#runs))
        return
      }
      if (sessions.dispatches) {
        const extras = (this.#extras ??= new LoopExtras())
        const token = ++extras.dispatchToken
        this.#flags |= DISPATCHED
        if (sessions.dispatch(() => this.transition('dispatched', token))) return
        this.#flags &= ~PARKED
      }
    }
    this.#startRun('schedule', this.#due, now)
  }

  /** A dispatcher started the run it took; dropped when stop, pause or trigger came in between. */
  #onDispatched(token: number, now: number): void {
    if (token !== this.#extras?.dispatchToken || (this.#flags & PARKED) !== DISPATCHED || (this.#flags & PHASE) !== LIVE || this.#flags & IN_FLIGHT) return
    this.#flags &= ~PARKED
    this.#startRun('schedule', this.#due, now)
  }

  #replanWall(now: number): void {
    const previousSlot = this.#extras?.wallDue
    const skippedBefore = this.stats.skippedRuns
    this.#plan(Number.isNaN(this.#lastEnd) ? now : Math.max(this.#lastEnd, now), now)
    // The same slot again: its skipped slots were counted when it was first planned.
    if (this.#extras?.wallDue === previousSlot && this.#recorder !== undefined) this.#recorder.skippedRuns = skippedBefore
  }

  #onRelease(now: number): void {
    const parked = this.#flags & PARKED
    this.#flags &= ~PARKED
    if (parked === HELD) {
      this.#onDue(now, true)
    } else if (parked === DISPATCHED) {
      // The dispatcher gave up (a broken postTask): start plainly.
      if ((this.#flags & PHASE) === LIVE && !(this.#flags & IN_FLIGHT) && !Number.isNaN(this.#due)) this.#startRun('schedule', this.#due, now)
    } else {
      const unstretched = this.#extras?.unstretched ?? Number.NaN
      // A stretch ended (the page is visible again): back to the real deadline.
      if ((this.#flags & PHASE) === LIVE && !(this.#flags & IN_FLIGHT) && !Number.isNaN(unstretched)) {
        const due = this.#sessions === undefined ? unstretched : this.#sessions.stretch(now, unstretched)
        if (due === unstretched) (this.#extras as LoopExtras).unstretched = Number.NaN
        this.#due = due
      }
    }
  }

  #onConfigChanged(changes: TaskUpdate, now: number): void {
    const previous = this.config
    this.config = updatedConfig(previous, changes)
    if (changes.run !== undefined) (this.#extras ??= new LoopExtras()).run = changes.run
    if (changes.historySize !== undefined) this.#recorder?.resize(changes.historySize)
    if (!this.live) return
    const { maxRuns, until } = this.config
    if ('maxRuns' in changes && maxRuns !== undefined && this.#runs >= maxRuns) {
      this.#end(COMPLETED, `completed: maxRuns (${maxRuns}) reached`)
      return
    }
    const inFlight = (this.#flags & IN_FLIGHT) !== 0
    const wallNow = this.queue.wallOf(now)
    const planned = Number.isFinite(this.#due) ? wallNow + (this.#due - now) : wallNow
    if ('until' in changes && until !== undefined && (wallNow > until || (!inFlight && planned > until))) {
      this.#end(COMPLETED, `completed: next run would be after until (${until})`)
      return
    }
    const firstWait = this.#runs === 0 && Number.isNaN(this.#previousDue)
    // Before the first run the initialDelay wait is kept; during a run the change applies from the next wait.
    if (this.config.schedule !== previous.schedule && !inFlight && !firstWait && !(this.#flags & PARKED)) {
      this.#plan(Number.isNaN(this.#lastEnd) ? now : this.#lastEnd, now)
      if (!Number.isNaN(this.#due)) this.#due = Math.max(this.#due, now)
    }
  }

  #startRun(trigger: RunSummary['trigger'], due: number, now: number, slot = Number.NaN): void {
    if (trigger === 'schedule') {
      this.#previousDue = this.config.schedule.anchor === 'wall' ? (this.#extras?.wallDue ?? Number.NaN) : due
      this.#due = Number.NaN
    }
    const recorder = this.#record()
    let run = this.#run
    if (run === undefined || !run.reusable) run = this.#run = new TaskRun(this.#owner.name, this)
    run.begin(recorder.nextIndex++, recorder.consecutiveFailures + 1, this.#sessions?.fence(), trigger, due, now, this.queue.wallOf(now), !this.live, slot)
    this.#flags |= IN_FLIGHT
    this.#runs++
    this.#derive()
    if (this.#owner.heard) this.#owner.emit({ type: 'runStarted', runIndex: run.runIndex, run: undefined })
    const pending = run.execute()
    const timeout = this.config.timeout
    // The run is its own timeout entry: a run with a timeout allocates nothing either.
    if (pending && timeout !== undefined && this.#flags & IN_FLIGHT && this.#run === run) {
      run.timeoutMs = timeout
      this.queue.reschedule(run, now + timeout, 0)
    }
  }

  /** A run's timeout passed (the run is the timer entry). */
  timedOut(run: TaskRun): void {
    if (!(this.#flags & IN_FLIGHT) || this.#run !== run || run.recorded) return
    const timeout = run.timeoutMs
    const error = new TimeoutError(`${taskPrefix(this.#owner.name)}timed out after ${timeout} ms`)
    run.abort(error)
    this.#recorder?.recordTimeout(run, timeout, error)
    this.#derive()
  }

  /** How a run's work ended (from `TaskRun.execute`): a settle of an earlier run (`runIndex`) is ignored. */
  settle(run: TaskRun, runIndex: number, value: unknown, error: unknown, threw: boolean): void {
    if (this.#run !== run || run.runIndex !== runIndex || !(this.#flags & IN_FLIGHT)) return
    this.queue.cancel(run)
    const end = this.queue.clock.now()
    const irrecoverable = this.#recorder?.recordSettled(run, value, error, threw, end)
    if (irrecoverable !== undefined && (this.#flags & PHASE) !== FAILED) this.#end(FAILED, irrecoverable)
    this.transition('runSettled', run, end)
  }

  /** The run's work: the task's. */
  work(ctx: RunContext): unknown {
    return this.#owner.executeRun(ctx)
  }

  /** Tells the plugins about a finished run (for the recorder). */
  observe(run: FinishedRun): void {
    this.#sessions?.observe(run)
  }

  #onSettled(now: number): void {
    this.#flags &= ~IN_FLIGHT
    this.#lastEnd = now
    const waiters = this.#extras?.settleWaiters
    if (waiters !== undefined) {
      ;(this.#extras as LoopExtras).settleWaiters = undefined
      for (const resolve of waiters) resolve()
    }
    const { maxRuns } = this.config
    if (this.live && Number.isNaN(this.#due) && !(this.#flags & QUEUED)) this.#plan(now, now)
    else if ((this.#flags & PHASE) === PAUSED && maxRuns !== undefined && this.#runs >= maxRuns) this.#end(COMPLETED, `completed: maxRuns (${maxRuns}) reached`)
  }

  /** Derives the public state from the record; emits when it changed. */
  #derive(): void {
    const flags = this.#flags
    const phase = flags & PHASE
    const running = (flags & IN_FLIGHT) !== 0 && (phase === LIVE || ((this.#run as TaskRun).outsideLoop && phase !== PAUSED))
    const next = running ? RUNNING_STATE : (PHASE_STATE[phase] as number)
    if (next === ((flags >> STATE_SHIFT) & PHASE)) return
    this.#flags = (flags & ~(PHASE << STATE_SHIFT)) | (next << STATE_SHIFT)
    this.#owner.emitStateChanged()
  }

  /** Makes the timer agree with the record: armed exactly when the loop waits for a run. */
  #sync(now: number): void {
    this.#derive()
    const flags = this.#flags
    let deadline = Number.NaN
    if (!(flags & IN_FLIGHT)) {
      if (flags & QUEUED) {
        // From a fresh microtask, never from inside the settle: a run that triggers itself never grows the stack.
        if (!(flags & KICKED)) {
          this.#flags |= KICKED
          queueMicrotask(() => {
            this.#flags &= ~KICKED
            this.transition('due')
          })
        }
      } else if ((flags & PHASE) === LIVE && !(flags & PARKED) && Number.isFinite(this.#due)) {
        deadline = this.#due
        // Wall-anchored plans wake at least every 30 s to re-check the wall clock.
        if (this.config.schedule.anchor === 'wall' || this.config.until !== undefined) deadline = Math.min(deadline, now + MAX_WAIT_MS)
      }
    }
    if (Number.isNaN(deadline)) {
      this.queue.cancel(this)
      return
    }
    const rank = levelRank(this.config.level)
    if (!this.queue.isPending(this) || this.deadline !== deadline || this.rank !== rank) this.queue.reschedule(this, deadline, rank)
  }

  // The loop is its plugins' host (see PluginHost): no second object per task.
  get name(): string {
    return this.#owner.name
  }

  get options(): Readonly<TaskOptions> {
    return this.#options
  }

  get clock(): Clock {
    return this.queue.clock
  }

  get level(): TaskConfig['level'] {
    return this.config.level
  }

  get logger(): TaskConfig['logger'] {
    return this.config.logger
  }

  get interval(): number | null {
    return this.config.schedule.interval
  }

  /** A plugin lets a held or dispatched run go (see `PluginHost.release`). */
  release(): void {
    this.transition('release')
  }

  /** A plugin aborts the run in flight, e.g. on a lost lease. */
  abortRun(reason: Error): void {
    if (this.#flags & IN_FLIGHT) this.#run?.abort(reason)
  }

  /** A plugin's status changed. */
  changed(): void {
    this.#owner.emitStateChanged()
  }

  /** The timer fired (the loop is its own timer entry), with the wake's clock reading. */
  fire(now: number): void {
    this.transition('due', undefined, now)
  }
}
