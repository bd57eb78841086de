import { systemClock, type Clock } from './clock.ts'
import { describeValue, InvalidOptionError, TaskStoppedError, taskPrefix, TimeoutError } from './errors.ts'
import { TabLock } from './exclusive.ts'
import { levelRank, type TaskLevel } from './levels.ts'
import { consoleLogger, safeWarn, type Logger } from './logger.ts'
import { RingBuffer } from './ring-buffer.ts'
import { TaskRunContext } from './run-context.ts'
import { errorInfo, isIrrecoverable, outcomeOf, type Outcome } from './run-result.ts'
import type { RunnerRole } from './registry-source.ts'
import { fixedDelay, sharedFixedDelay, type Schedule, type ScheduleContext } from './schedule.ts'
import { timerQueueFor, type TimerQueue } from './timer-queue.ts'
import { postRun, priorityForLevel, resolveScheduler } from './post-task.ts'
import { defaultWhenHidden, HiddenPolicy, resolveVisibility, type VisibilitySource } from './visibility.ts'
import type { TimerEntry } from './timer-heap.ts'
import type { RunContext, RunFunction, RunSummary, TaskEvent, TaskOptions, TaskState, TaskStatus } from './types.ts'
import { validateTaskOptions, validateUpdate } from './validate.ts'

/** Where the loop is; the public `state` is derived from it and the run in flight. */
type LoopState = 'idle' | 'live' | 'paused' | 'stopped' | 'completed' | 'failed'

/** Options `task.update()` accepts. */
export type TaskUpdate = Partial<Pick<TaskOptions, 'interval' | 'schedule' | 'level' | 'timeout' | 'maxRuns' | 'until' | 'historySize' | 'run' | 'onError'>>

/** A task's configuration in plain values (what devtools show). */
export interface TaskConfigView {
  /** Human description of the schedule, e.g. `every 1000 ms (fixed delay)`. */
  schedule: string
  interval: number | null
  initialDelay: number
  timeout: number | null
  maxRuns: number | null
  until: number | null
  historySize: number
  keepAlive: boolean
}

/** Options of `stop()`. */
export interface StopOptions {
  /** Ms to wait for a run in flight to settle. Default 5000. */
  timeout?: number
}

/** A task's options after validation, as `Task` keeps them. */
interface Config {
  schedule: Schedule
  level: TaskLevel
  timeout: number | undefined
  maxRuns: number | undefined
  until: number | undefined
  keepAlive: boolean
  onError: TaskOptions['onError']
  logger: Logger
  whenHidden: TaskOptions['whenHidden']
  postTaskPriority: TaskOptions['postTaskPriority']
  scheduler: TaskOptions['scheduler']
  visibility: VisibilitySource | null | undefined
  historySize: number
}

/**
 * How a registry hears its tasks' events: one object per registry, kept in a
 * slot of the task, instead of a subscription closure per task.
 */
export interface TaskObserver {
  /** False while nobody listens: tasks then build no event objects at all. */
  readonly listening: boolean
  notify(event: TaskEvent): void
}

interface Run {
  readonly index: number
  readonly trigger: RunSummary['trigger']
  readonly scheduledAt: number
  readonly startedAt: number
  controller: AbortController | undefined
  timeoutEntry: TimerEntry | undefined
  /** Set when the run was told to stop (stop() or timeout); a signal made later starts aborted. */
  abortReason: Error | undefined
  /** Started while the loop was not live (a manual run of an idle or ended task). */
  readonly outsideLoop: boolean
  /** The summary was written early (timed out); the settle only frees the loop. */
  recorded: boolean
}

/** How long a run may go past its expected end before the task counts as stalled, without a timeout. */
const STALL_INTERVALS = 3
const DEFAULT_STOP_TIMEOUT = 5000
/** Shared by every task without listeners (subscribe replaces it, copy-on-write). */
const NO_LISTENERS: readonly ((event: TaskEvent) => void)[] = Object.freeze([])
const NO_HISTORY: readonly RunSummary[] = Object.freeze([])

/*
 * Slots a schedule's skip() adds to while its next() runs. One function for
 * every task instead of a closure per run; saved and restored around each
 * call, so a next() that reaches another task's schedule counts correctly.
 */
let pendingSkips = 0
const skip = (count: number): void => {
  pendingSkips += count
}

/** Configs shared between tasks, by schedule, then by their primitive options. */
const sharedConfigs = new WeakMap<Schedule, Map<string, Config>>()
/** Per schedule: enough for the level × option mixes of an app, bounded for tasks with unique `until`s. */
const MAX_SHARED_CONFIGS = 64

/**
 * Tasks with the same options share one config object: at 100,000 tasks a
 * config each was ~130 B per task. A config is never changed in place
 * (`update()` replaces it), so sharing is safe. Configs holding functions or
 * objects of their own (onError, a logger, a scheduler, a visibility source)
 * are not shared.
 */
function shareConfig(config: Config): Config {
  if (config.onError !== undefined || config.logger !== consoleLogger || config.scheduler !== undefined || config.visibility !== undefined) return config
  const key = `${config.level}|${config.timeout}|${config.maxRuns}|${config.until}|${config.keepAlive}|${config.whenHidden}|${config.postTaskPriority}|${config.historySize}`
  let byKey = sharedConfigs.get(config.schedule)
  if (byKey === undefined) {
    byKey = new Map()
    sharedConfigs.set(config.schedule, byKey)
  }
  const found = byKey.get(key)
  if (found !== undefined) return found
  if (byKey.size < MAX_SHARED_CONFIGS) byKey.set(key, config)
  return config
}

let observe: (task: Task, observer: TaskObserver) => boolean
let unobserve: (task: Task, observer: TaskObserver) => boolean

/** Puts `observer` in the task's observer slot; false when another registry holds it. */
export function attachObserver(task: Task, observer: TaskObserver): boolean {
  return observe(task, observer)
}

/** Empties the task's observer slot if `observer` holds it; returns whether it did. */
export function detachObserver(task: Task, observer: TaskObserver): boolean {
  return unobserve(task, observer)
}

/**
 * One named periodic loop. Runs never overlap; the default schedule is fixed
 * delay (the next run starts `interval` after the previous one ended).
 *
 * Make one with {@link createTask}, or subclass {@link PeriodicTask}.
 */
export class Task {
  /** Unique within its registry. */
  readonly name: string
  readonly #queue: TimerQueue
  /**
   * Copy-on-write: subscribe/unsubscribe replace the array, so an emit iterates
   * a stable list without copying it on every event (4 events per run).
   */
  #listeners: readonly ((event: TaskEvent) => void)[] = NO_LISTENERS
  /** The registry this task is in (see {@link TaskObserver}). */
  #observer: TaskObserver | undefined
  /** Shared with tasks of the same options (see {@link shareConfig}); replaced, never changed in place. */
  #config: Config
  /** Ms from start() to the first run: per task (often staggered), so kept out of the shared config. */
  #initialDelay: number
  #runFunction: RunFunction | undefined
  /** Made at the first run: an idle task keeps no buffer. */
  #history: RingBuffer<RunSummary> | undefined
  /** Only for `exclusive: 'tabs'`: whether this context holds the run. */
  readonly #tabLock: TabLock | undefined
  /** whenHidden: holds or slows runs while the page is hidden; made at a start that finds a visibility source. */
  #hidden: HiddenPolicy | undefined
  /** The scheduled run posted to `scheduler.postTask` and not started yet; cleared to drop it. */
  #posted: object | undefined

  #loop: LoopState = 'idle'
  #state: TaskState = 'idle'
  #stopReason: string | undefined
  /** This task's one timer entry, re-armed for every wait (pending or not: see {@link TimerQueue.isPending}). */
  #timer: TimerEntry | undefined
  /** A next run is set: it is due at the timer entry's deadline (one number, not a copy per run). */
  #hasNext = false
  #previousDueAt: number | null = null
  #queued: RunSummary['trigger'] | undefined
  #run: Run | undefined
  #settleWaiters: (() => void)[] | undefined

  #runIndex = 0
  #runsSinceStart = 0
  #totalRuns = 0
  #failedRuns = 0
  #skippedRuns = 0
  #consecutiveFailures = 0
  #lastSummary: RunSummary | null = null

  constructor(options: TaskOptions) {
    const clock = options?.clock ?? options?.registry?.clock ?? systemClock
    validateTaskOptions(options as unknown as Record<string, unknown>, clock.now(), new.target === Task)
    this.name = options.name
    this.#queue = timerQueueFor(clock)
    this.#runFunction = options.run
    this.#initialDelay = options.initialDelay ?? 0
    this.#config = shareConfig({
      schedule: options.schedule ?? sharedFixedDelay(options.interval as number),
      level: options.level ?? 'medium',
      timeout: options.timeout,
      maxRuns: options.maxRuns,
      until: options.until,
      keepAlive: options.keepAlive ?? true,
      onError: options.onError,
      logger: options.logger ?? consoleLogger,
      whenHidden: options.whenHidden,
      postTaskPriority: options.postTaskPriority,
      scheduler: options.scheduler,
      visibility: options.visibility,
      historySize: options.historySize ?? 50,
    })
    this.#tabLock =
      options.exclusive === 'tabs'
        ? new TabLock(options.name, options.locks, this.#config.logger, () => this.#emitState())
        : undefined
  }

  static {
    observe = (task, observer) => {
      if (task.#observer !== undefined && task.#observer !== observer) return false
      task.#observer = observer
      return true
    }
    unobserve = (task, observer) => {
      if (task.#observer !== observer) return false
      task.#observer = undefined
      return true
    }
  }

  /** For `exclusive: 'tabs'` tasks: `'this'` context runs it, an `'other'` one does, or `'local-only'` (no Web Locks). */
  get runnerRole(): RunnerRole | undefined {
    return this.#tabLock?.role
  }

  /** The task's importance level. */
  get level(): TaskLevel {
    return this.#config.level
  }

  /** The clock every wait of this task goes through. */
  get clock(): Clock {
    return this.#queue.clock
  }

  /** The schedule deciding when the next run is due. */
  get schedule(): Schedule {
    return this.#config.schedule
  }

  /** Per-run time limit in ms, if any. */
  get timeout(): number | undefined {
    return this.#config.timeout
  }

  /** The task's configuration as shown by devtools. */
  get config(): TaskConfigView {
    const { schedule, timeout, maxRuns, until, keepAlive } = this.#config
    const initialDelay = this.#initialDelay
    return {
      schedule: schedule.description ?? (schedule.interval === null ? 'custom schedule' : `every ${schedule.interval} ms`),
      interval: schedule.interval,
      initialDelay,
      timeout: timeout ?? null,
      maxRuns: maxRuns ?? null,
      until: until ?? null,
      historySize: this.#config.historySize,
      keepAlive,
    }
  }

  /** The last `historySize` run summaries, oldest first. */
  get history(): readonly RunSummary[] {
    return this.#history === undefined ? NO_HISTORY : this.#history.toArray()
  }

  /** The loop is live: scheduled, running or paused. */
  get isRunning(): boolean {
    return this.#loop === 'live' || this.#loop === 'paused'
  }

  /** Live and not stalled: no run is far past its expected end. */
  get isActive(): boolean {
    return this.isRunning && !this.#isStalled()
  }

  /** The current state. */
  get state(): TaskState {
    return this.#state
  }

  /**
   * Starts the loop. The first run is due after `initialDelay` (or at the
   * schedule's first slot). Returns false when the loop is already live.
   */
  start(): boolean {
    if (this.isRunning) return false
    this.#loop = 'live'
    this.#tabLock?.acquire()
    this.#attachVisibility()
    this.#stopReason = undefined
    this.#runsSinceStart = 0
    this.#previousDueAt = null
    this.#scheduleNext(this.#now() + this.#initialDelay)
    this.#update()
    return true
  }

  /**
   * Stops the loop: interrupts the wait at once and aborts the running run's
   * `ctx.signal`. Resolves true when no run is left in flight within
   * `timeout` ms (default 5000), false otherwise. It never hangs, and no run
   * starts after it. Calling it again is harmless.
   */
  stop(options: StopOptions = {}): Promise<boolean> {
    if (options === null || typeof options !== 'object') {
      return Promise.reject(new InvalidOptionError(`${taskPrefix(this.name)}stop() options must be an object, got ${describeValue(options)}`))
    }
    const timeout = options.timeout ?? DEFAULT_STOP_TIMEOUT
    if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0) {
      return Promise.reject(new InvalidOptionError(`${taskPrefix(this.name)}stop() timeout must be a non-negative number of ms, got ${describeValue(timeout)}`))
    }
    if (this.isRunning) this.#endLoop('stopped', 'stopped by stop()')
    this.#queued = undefined
    const run = this.#run
    if (run === undefined) return Promise.resolve(true)
    this.#abortRun(run, new TaskStoppedError(`${taskPrefix(this.name)}stopped`))
    return new Promise<boolean>((resolve) => {
      const entry = this.#queue.schedule(this.#now() + timeout, () => {
        this.#abandon(run, timeout)
        resolve(false)
      })
      ;(this.#settleWaiters ??= []).push(() => {
        this.#queue.cancel(entry)
        resolve(true)
      })
    })
  }

  /** Holds the schedule. A run in flight finishes; no scheduled run starts until `resume()`. */
  pause(): void {
    if (this.#loop !== 'live') return
    this.#loop = 'paused'
    this.#cancelTimer()
    this.#update()
  }

  /** Continues a paused schedule; a run that fell due while paused starts at once. */
  resume(): void {
    if (this.#loop !== 'paused') return
    this.#loop = 'live'
    if (this.#run === undefined) {
      const next = this.#nextRunAt()
      if (next === null) this.#scheduleNext(this.#now())
      else this.#arm(Math.max(next, this.#now()))
    }
    this.#update()
  }

  /**
   * Runs now, interrupting the wait. While a run is in flight, calls coalesce
   * into one extra run right after it. Works on a stopped or idle task too
   * (one run, no schedule).
   */
  trigger(): void {
    if (this.#run !== undefined) {
      this.#queued = 'manual'
      return
    }
    this.#cancelTimer()
    if (this.#loop === 'live') this.#hasNext = false
    this.#startRun('manual', this.#now())
  }

  /**
   * Runs once outside the loop, through the same path as a loop run (stats,
   * history, events, timeout), and resolves with its summary: when it settles,
   * or when its `timeout` records it as failed. Tick mode uses it. Rejects
   * with `InvalidOptionError` while another run is in flight.
   */
  runOnce(options: { scheduledAt?: number; trigger?: RunSummary['trigger'] } = {}): Promise<RunSummary> {
    if (this.#run !== undefined) {
      return Promise.reject(new InvalidOptionError(`${taskPrefix(this.name)}runOnce() called while run ${this.#run.index} is in flight`))
    }
    const index = this.#runIndex
    return new Promise<RunSummary>((resolve) => {
      const unsubscribe = this.subscribe((event) => {
        if (event.type !== 'runFinished' || event.summary.runIndex !== index) return
        unsubscribe()
        resolve(event.summary)
      })
      this.#startRun(options.trigger ?? 'manual', options.scheduledAt ?? this.#now())
    })
  }

  /** Forgets the run history (stats stay). */
  clearHistory(): void {
    this.#history?.clear()
    this.#emitState()
  }

  /**
   * Changes options of a created task. Everything is validated first: on a
   * bad value it throws and keeps its previous configuration. A new interval
   * or schedule applies from the next wait.
   */
  update(changes: TaskUpdate): void {
    validateUpdate(this.name, changes as Record<string, unknown>, this.#now())
    const next: Config = { ...this.#config }
    // A fresh schedule (not a shared one): a new interval always re-arms, even an equal one.
    if (changes.interval !== undefined) next.schedule = fixedDelay(changes.interval)
    if (changes.schedule !== undefined) next.schedule = changes.schedule
    if (changes.level !== undefined) next.level = changes.level
    if ('timeout' in changes) next.timeout = changes.timeout
    if ('maxRuns' in changes) next.maxRuns = changes.maxRuns
    if ('until' in changes) next.until = changes.until
    if (changes.onError !== undefined) next.onError = changes.onError
    if (changes.run !== undefined) this.#runFunction = changes.run
    if (changes.historySize !== undefined) {
      next.historySize = changes.historySize
      this.#history?.resize(changes.historySize)
    }
    const rescheduled = next.schedule !== this.#config.schedule
    this.#config = next
    if (rescheduled && this.#loop === 'live' && this.#waiting()) {
      this.#cancelTimer()
      this.#scheduleNext(this.#now())
    }
    this.#emitState()
  }

  /** A snapshot of the task: state, counts, last summary, next run. */
  status(): TaskStatus {
    const status: TaskStatus = {
      name: this.name,
      level: this.#config.level,
      interval: this.#config.schedule.interval,
      state: this.#state,
      isRunning: this.isRunning,
      isActive: this.isActive,
      totalRuns: this.#totalRuns,
      failedRuns: this.#failedRuns,
      successRate: this.#totalRuns === 0 ? null : (this.#totalRuns - this.#failedRuns) / this.#totalRuns,
      skippedRuns: this.#skippedRuns,
      lastSummary: this.#lastSummary,
      nextRunAt: this.#nextRunAt(),
    }
    if (this.#stopReason !== undefined) status.stopReason = this.#stopReason
    return status
  }

  /** Listens to this task's events; returns the unsubscribe function. */
  subscribe(listener: (event: TaskEvent) => void): () => void {
    if (!this.#listeners.includes(listener)) this.#listeners = this.#listeners.concat(listener)
    return () => {
      this.#listeners = this.#listeners.filter((other) => other !== listener)
    }
  }

  /** The work of one run. Subclasses override it (see `PeriodicTask`); by default it calls `options.run`. */
  protected execute(ctx: RunContext): ReturnType<RunFunction> {
    return (this.#runFunction as RunFunction)(ctx)
  }

  #isStalled(): boolean {
    const run = this.#run
    if (run === undefined) return false
    const allowed = this.#config.timeout ?? STALL_INTERVALS * (this.#config.schedule.interval ?? 60_000)
    return run.recorded || this.#now() - run.startedAt > allowed
  }

  /** The one place the public state changes; it emits `stateChanged`. */
  #update(): void {
    let next: TaskState
    const run = this.#run
    if (run !== undefined && (this.#loop === 'live' || (run.outsideLoop && this.#loop !== 'paused'))) next = 'running'
    else if (this.#loop === 'live') next = 'scheduled'
    else next = this.#loop
    if (next === this.#state) return
    this.#state = next
    this.#emitState()
  }

  #now(): number {
    return this.#queue.clock.now()
  }

  /** Whether anyone hears events: without listeners no event object is built (4 per run). */
  #heard(): boolean {
    return this.#listeners.length > 0 || this.#observer?.listening === true
  }

  #emitState(): void {
    if (this.#heard()) this.#emit({ type: 'stateChanged', name: this.name, state: this.#state })
  }

  #emit(event: TaskEvent): void {
    const observer = this.#observer
    // The registry hears first, as it did when it was the first subscriber.
    if (observer !== undefined && observer.listening) observer.notify(event)
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch (error) {
        safeWarn(this.#config.logger, `${taskPrefix(this.name)}a ${event.type} listener threw`, error)
      }
    }
  }

  #endLoop(loop: 'stopped' | 'completed' | 'failed', reason: string): void {
    this.#loop = loop
    this.#tabLock?.release()
    this.#hidden?.detach()
    this.#stopReason = reason
    this.#cancelTimer()
    this.#hasNext = false
    this.#update()
  }

  #cancelTimer(): void {
    this.#posted = undefined
    if (this.#timer !== undefined) this.#queue.cancel(this.#timer)
  }

  /** A wait is armed. */
  #waiting(): boolean {
    return this.#timer !== undefined && this.#queue.isPending(this.#timer)
  }

  /** Follows the page's visibility while live, where there is a source to follow. */
  #attachVisibility(): void {
    const source = resolveVisibility(this.#config.visibility)
    if (source === undefined) {
      this.#hidden?.detach()
      return
    }
    this.#hidden ??= new HiddenPolicy(
      () => this.#config.whenHidden ?? defaultWhenHidden(this.#config.level),
      (held, unstretched) => this.#onVisible(held, unstretched),
    )
    this.#hidden.attach(source)
  }

  /**
   * Asks the schedule for the next slot from `now` and arms it, or completes the loop.
   * A single-runner task skipping a slot passes `runCount` ≥ 1: for the schedule, a slot went by.
   */
  #scheduleNext(now: number, runCount = this.#runsSinceStart): void {
    const { schedule, until } = this.#config
    if (this.#endIfMaxRuns()) return
    const outerSkips = pendingSkips
    pendingSkips = 0
    let skipped = 0
    let due: number | null
    try {
      const context: ScheduleContext = { now, previousDueAt: this.#previousDueAt, runCount, consecutiveFailures: this.#consecutiveFailures, skip }
      due = schedule.next(context)
    } catch (error) {
      // A custom schedule that throws cannot say when to run: end the loop
      // visibly instead of throwing out of a timer or promise callback.
      const { name, message } = errorInfo(error)
      safeWarn(this.#config.logger, `${taskPrefix(this.name)}schedule.next() threw`, error)
      this.#endLoop('failed', `schedule.next() threw ${name}: ${message}`)
      return
    } finally {
      skipped = pendingSkips
      pendingSkips = outerSkips
    }
    this.#skippedRuns += skipped
    if (due === null || !Number.isFinite(due)) {
      this.#endLoop('completed', 'completed: the schedule has no further runs')
      return
    }
    if (until !== undefined && due > until) {
      this.#endLoop('completed', `completed: next run would be after until (${until})`)
      return
    }
    // While hidden, a slowed task waits longer (never past `until`).
    const stretched = this.#hidden === undefined ? Math.max(due, now) : this.#hidden.stretch(now, Math.max(due, now))
    this.#arm(until === undefined ? stretched : Math.min(stretched, until))
  }

  /** Ends the loop as completed once `maxRuns` runs happened since start(); returns whether it did. */
  #endIfMaxRuns(): boolean {
    const { maxRuns } = this.#config
    if (maxRuns === undefined || this.#runsSinceStart < maxRuns) return false
    this.#endLoop('completed', `completed: maxRuns (${maxRuns}) reached`)
    return true
  }

  #arm(due: number): void {
    this.#posted = undefined
    const rank = levelRank(this.#config.level)
    if (this.#timer === undefined) this.#timer = this.#queue.schedule(due, this.#onDue, { rank, keepAlive: this.#config.keepAlive }, this)
    else this.#queue.reschedule(this.#timer, due, rank)
    this.#hasNext = true
  }

  /** Epoch ms of the next run, or null. A paused task keeps it: its cancelled entry keeps the deadline. */
  #nextRunAt(): number | null {
    return this.#hasNext && this.#timer !== undefined ? this.#timer.deadline : null
  }

  /** The wait ended (called by the timer queue with `this` set: one method for all tasks, no closure each). */
  #onDue(): void {
    const due = this.#nextRunAt() ?? this.#now()
    if (this.#tabLock?.mayRun === false) {
      // Another context runs this task: keep the rhythm, so taking over waits at most one slot.
      this.#previousDueAt = due
      this.#scheduleNext(this.#now(), Math.max(1, this.#runsSinceStart))
      return
    }
    // A paused-while-hidden task keeps this run for when the page is visible again.
    if (this.#hidden?.hold(due) === true) return
    if (this.#run !== undefined) {
      this.#queued ??= 'schedule'
      return
    }
    this.#runDue(due)
  }

  /** Starts a scheduled run, through `scheduler.postTask` with the level's priority where there is one. */
  #runDue(due: number): void {
    const scheduler = resolveScheduler(this.#config.scheduler, this.#queue.clock.virtual !== true)
    if (scheduler === undefined) {
      this.#startRun('schedule', due)
      return
    }
    const token = {}
    this.#posted = token
    const priority = this.#config.postTaskPriority ?? priorityForLevel(this.#config.level)
    postRun(
      scheduler,
      priority,
      () => {
        // Dropped when stopped, paused, triggered or re-armed in between.
        if (this.#posted !== token) return
        this.#posted = undefined
        if (this.#loop !== 'live') return
        if (this.#run !== undefined) this.#queued ??= 'schedule'
        else this.#startRun('schedule', due)
      },
      this.#config.logger,
      `task "${this.name}"`,
    )
  }

  /** The page became visible: run what was held, or bring a slowed wait back to its real deadline. */
  #onVisible(held: number | undefined, unstretched: number | undefined): void {
    if (this.#loop !== 'live' || this.#run !== undefined) return
    if (held !== undefined) this.#runDue(held)
    else if (unstretched !== undefined && this.#waiting()) this.#arm(Math.max(unstretched, this.#now()))
  }

  #startRun(trigger: RunSummary['trigger'], scheduledAt: number): void {
    const startedAt = this.#now()
    this.#hidden?.clear()
    if (trigger === 'schedule') {
      this.#previousDueAt = scheduledAt
      this.#hasNext = false
    }
    const run: Run = {
      index: this.#runIndex++,
      trigger,
      scheduledAt,
      startedAt,
      controller: undefined,
      timeoutEntry: undefined,
      abortReason: undefined,
      outsideLoop: !this.isRunning,
      recorded: false,
    }
    this.#run = run
    this.#runsSinceStart++
    this.#update()
    if (this.#heard()) this.#emit({ type: 'runStarted', name: this.name, runIndex: run.index })
    const ctx = this.#contextFor(run)
    let result: unknown
    try {
      result = this.execute(ctx)
    } catch (error) {
      this.#settle(run, undefined, error, true)
      return
    }
    // A malformed thenable (a throwing `then` getter, a `then()` that throws)
    // is a failed run, never an exception out of the timer callback.
    let then: unknown
    try {
      then = result !== null && typeof result === 'object' ? (result as { then?: unknown }).then : undefined
    } catch (error) {
      this.#settle(run, undefined, error, true)
      return
    }
    if (typeof then === 'function') {
      const timeout = this.#config.timeout
      if (timeout !== undefined) run.timeoutEntry = this.#queue.schedule(startedAt + timeout, () => this.#onTimeout(run, timeout))
      try {
        ;(then as PromiseLike<unknown>['then']).call(
          result,
          (value) => this.#settle(run, value, undefined, false),
          (error: unknown) => this.#settle(run, undefined, error, true),
        )
      } catch (error) {
        this.#settle(run, undefined, error, true)
      }
      return
    }
    this.#settle(run, result, undefined, false)
  }

  #contextFor(run: Run): RunContext {
    return new TaskRunContext(run, this.name, run.index, run.scheduledAt, this.#consecutiveFailures + 1)
  }

  /**
   * stop() gave up on a run that ignores its signal. Its own `timeout` timer
   * would otherwise stay armed after stop()/stopAll() resolved (keeping a
   * process alive for up to `timeout` ms): record the run as failed now instead.
   */
  #abandon(run: Run, stopTimeout: number): void {
    if (this.#run !== run || run.timeoutEntry === undefined) return
    this.#queue.cancel(run.timeoutEntry)
    run.timeoutEntry = undefined
    const message = `still running ${stopTimeout} ms after stop(); abandoned`
    this.#record(run, { success: false, message, extra: {} }, new TimeoutError(`${taskPrefix(this.name)}${message}`), this.#now() - run.startedAt)
    run.recorded = true
  }

  #onTimeout(run: Run, timeout: number): void {
    run.timeoutEntry = undefined
    const error = new TimeoutError(`${taskPrefix(this.name)}timed out after ${timeout} ms`)
    this.#abortRun(run, error)
    this.#record(run, { success: false, message: `timed out after ${timeout} ms`, extra: {} }, error, timeout)
    run.recorded = true
  }

  #abortRun(run: Run, reason: Error): void {
    if (run.abortReason !== undefined) return
    run.abortReason = reason
    run.controller?.abort(reason)
  }

  #settle(run: Run, value: unknown, error: unknown, threw: boolean): void {
    if (this.#run !== run) return
    if (run.timeoutEntry !== undefined) this.#queue.cancel(run.timeoutEntry)
    if (!run.recorded) {
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
      outcome ??= { success: false, message: errorInfo(failure).message, extra: {} }
      this.#record(run, outcome, failed ? failure : undefined, this.#now() - run.startedAt, failed)
    }
    this.#run = undefined
    const waiters = this.#settleWaiters
    if (waiters !== undefined) {
      this.#settleWaiters = undefined
      for (const resolve of waiters) resolve()
    }
    this.#afterRun()
  }

  #record(run: Run, outcome: Outcome, error: unknown, durationMs: number, threw = error !== undefined): void {
    const summary: RunSummary = {
      timestamp: run.startedAt,
      durationMs,
      success: outcome.success,
      message: outcome.message,
      extra: outcome.extra,
      runIndex: run.index,
      lateMs: Math.max(0, run.startedAt - run.scheduledAt),
      trigger: run.trigger,
    }
    // `threw`, not `error !== undefined`: a run may reject with undefined.
    if (threw) summary.error = errorInfo(error)
    this.#totalRuns++
    if (summary.success) this.#consecutiveFailures = 0
    else {
      this.#failedRuns++
      this.#consecutiveFailures++
    }
    this.#lastSummary = summary
    ;(this.#history ??= new RingBuffer(this.#config.historySize)).push(summary)
    if (this.#heard()) this.#emit({ type: 'runFinished', name: this.name, summary })
    if (!summary.success) this.#reportFailure(error ?? new Error(summary.message || 'run reported failure'), summary)
    if (isIrrecoverable(error) && this.#loop !== 'failed') {
      this.#endLoop('failed', `${(error as Error).name}: ${(error as Error).message}`)
    }
  }

  #reportFailure(error: unknown, summary: RunSummary): void {
    const { onError, logger } = this.#config
    if (onError === undefined) {
      safeWarn(logger, `${taskPrefix(this.name)}run ${summary.runIndex} failed: ${summary.message}`, error)
      return
    }
    try {
      onError(error, summary)
    } catch (thrown) {
      safeWarn(logger, `${taskPrefix(this.name)}onError threw`, thrown)
    }
  }

  #afterRun(): void {
    const queued = this.#queued
    this.#queued = undefined
    if (queued === 'manual' || (queued === 'schedule' && this.#loop === 'live')) {
      this.#startRun(queued, queued === 'manual' ? this.#now() : (this.#nextRunAt() ?? this.#now()))
      return
    }
    if (this.#loop === 'live') this.#scheduleNext(this.#now())
    else if (this.#loop === 'paused') this.#endIfMaxRuns()
    this.#update()
  }
}
