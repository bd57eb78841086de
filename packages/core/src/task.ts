import { TASK_BRAND } from './brand.ts'
import { systemClock, type Clock } from './clock.ts'
import { createEmitter, type Emitter } from './emitter.ts'
import { describeValue, InvalidOptionError, TaskStoppedError, taskPrefix } from './errors.ts'
import type { FinishedRunRecord } from './finished-run.ts'
import type { TaskLevel } from './levels.ts'
import { LoopMachine, type LoopEvent } from './loop.ts'
import type { RunHistory } from './run-history.ts'
import { configView, type TaskConfigView, type TaskUpdate } from './task-config.ts'
import type { FacetStatus, RunContext, RunnerStatus, RunSummary, Schedule, TaskEvent, TaskFacet, TaskOptions, TaskPlugin, TaskState, TaskStatus } from './types.ts'
import { validateTaskOptions, validateUpdate } from './validate.ts'

export type { TaskConfigView, TaskUpdate } from './task-config.ts'

/** Options of `stop()`. */
export interface StopOptions {
  /** Ms to wait for a run in flight to settle. Default 5000. */
  timeout?: number
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

const DEFAULT_STOP_TIMEOUT = 5000
const NO_HISTORY: readonly RunSummary[] = Object.freeze([])
const RESOLVED_TRUE: Promise<boolean> = Promise.resolve(true)

let observe: (task: Task, observer: TaskObserver, plugins: readonly TaskPlugin[]) => boolean
let unobserve: (task: Task, observer: TaskObserver) => boolean
let optionsOf: (task: Task) => Readonly<TaskOptions>

/** Puts `observer` (a registry) in the task's observer slot and gives it the registry's plugins; false when another registry holds it. */
export function attachObserver(task: Task, observer: TaskObserver, plugins: readonly TaskPlugin[]): boolean {
  return observe(task, observer, plugins)
}

/** Empties the task's observer slot if `observer` holds it; returns whether it did. */
export function detachObserver(task: Task, observer: TaskObserver): boolean {
  return unobserve(task, observer)
}

/** The options a task was created with (for plugin validation at register). */
export function taskOptions(task: Task): Readonly<TaskOptions> {
  return optionsOf(task)
}

/**
 * One named periodic loop. Runs never overlap; the default schedule is fixed
 * delay (the next run starts `interval` after the previous one ended).
 *
 * The loop itself — its one state record and the one transition function
 * every change goes through — is {@link LoopMachine}; this class is the
 * public face: validation, events, status.
 *
 * Make one with `createTask`, or subclass `PeriodicTask`.
 */
export class Task {
  /** Unique within its registry. */
  readonly name: string
  readonly #loop: LoopMachine
  readonly #options: Readonly<TaskOptions>
  #emitter: Emitter<TaskEvent> | undefined
  /** The registry this task is in (see {@link TaskObserver}). */
  #observer: TaskObserver | undefined

  constructor(options: TaskOptions) {
    const clock: Clock = options?.clock ?? options?.registry?.clock ?? systemClock
    validateTaskOptions(options as unknown as Record<string, unknown>, clock.wallNow(), new.target === Task)
    for (const plugin of options.plugins ?? options.registry?.plugins ?? []) plugin.validate?.(options)
    this.name = options.name
    this.#options = options
    this.#loop = new LoopMachine(this, options, clock, options.plugins ?? options.registry?.plugins ?? [])
  }

  static {
    observe = (task, observer, plugins) => {
      if (task.#observer !== undefined && task.#observer !== observer) return false
      task.#observer = observer
      // A task's own `plugins` option wins over its registry's.
      if (task.#options.plugins === undefined) task.#loop.plugins = plugins
      return true
    }
    unobserve = (task, observer) => {
      if (task.#observer !== observer) return false
      task.#observer = undefined
      return true
    }
    optionsOf = (task) => task.#options
  }

  /** The task's importance level. */
  get level(): TaskLevel {
    return this.#loop.config.level
  }

  /** The clock every wait of this task goes through. */
  get clock(): Clock {
    return this.#loop.queue.clock
  }

  /** The schedule deciding when the next run is due. */
  get schedule(): Schedule {
    return this.#loop.config.schedule
  }

  /** Per-run time limit in ms, if any. */
  get timeout(): number | undefined {
    return this.#loop.config.timeout
  }

  /** The task's configuration as shown by devtools. */
  get config(): TaskConfigView {
    return configView(this.#loop.config, this.#options.initialDelay ?? 0)
  }

  /** What this task stands for, when it is a queue's worker or a cache's refresher (see {@link TaskFacet}). */
  get facet(): TaskFacet | undefined {
    return this.#options.facet
  }

  /** The last `historySize` run summaries, oldest first. */
  get history(): readonly RunSummary[] {
    const history: RunHistory | undefined = this.#loop.history
    return history === undefined ? NO_HISTORY : history.toArray()
  }

  /** For `exclusive` tasks: whether this context runs it (`'this'`), another does, or it waits (`'standby'`). */
  get runnerRole(): RunnerStatus['role'] | undefined {
    return this.#loop.runner()?.role
  }

  /** The loop is live: scheduled, running or paused. */
  get isRunning(): boolean {
    return this.#loop.live
  }

  /** Live and not stalled: no run is far past its expected end. */
  get isActive(): boolean {
    return this.#loop.live && !this.#loop.stalled()
  }

  /** The current state. */
  get state(): TaskState {
    return this.#loop.state
  }

  /**
   * Starts the loop. The first run is due after `initialDelay` (or at the
   * schedule's first slot). Returns false when the loop is already live.
   */
  start(): boolean {
    return this.#loop.transition('start')
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
    this.#loop.transition('stop')
    // The reason (an Error with a stack) is made only when a run is in flight: stopAll() of 100,000 idle tasks makes none.
    if (this.#loop.runInFlight === undefined) return RESOLVED_TRUE
    return this.#loop.settled(timeout, new TaskStoppedError(`${taskPrefix(this.name)}stopped`))
  }

  /** Holds the schedule. A run in flight finishes; no scheduled run starts until `resume()`. */
  pause(): void {
    this.#loop.transition('pause')
  }

  /**
   * Continues a paused schedule. The due time the schedule was at is kept:
   * before it, the loop waits for it; after it, one run starts at once (not
   * one per missed interval).
   */
  resume(): void {
    this.#loop.transition('resume')
  }

  /**
   * Runs now, interrupting the wait. While a run is in flight, calls coalesce
   * into one extra run right after it, started from a fresh turn of the event
   * loop (a run that triggers itself never grows the stack). Works on a
   * stopped or idle task too (one run, no schedule).
   */
  trigger(): void {
    this.#loop.transition('trigger')
  }

  /**
   * Runs once outside the loop, through the same path as a loop run (stats,
   * history, events, timeout), and resolves with its summary: when it settles,
   * or when its `timeout` records it as failed. Tick mode uses it. Rejects
   * with `InvalidOptionError` while another run is in flight.
   *
   * @param options.scheduledAt epoch ms the run counts as due at (default now)
   */
  runOnce(options: { scheduledAt?: number; trigger?: RunSummary['trigger'] } = {}): Promise<RunSummary> {
    const busy = this.#loop.runInFlight
    if (busy !== undefined) {
      return Promise.reject(new InvalidOptionError(`${taskPrefix(this.name)}runOnce() called while run ${busy} is in flight`))
    }
    return this.#loop.runOnce(options.trigger ?? 'manual', options.scheduledAt)
  }

  /** Forgets the run history (stats stay). */
  clearHistory(): void {
    this.#loop.history?.clear()
    this.emitStateChanged()
  }

  /**
   * Changes options of a created task. Everything is validated first: on a
   * bad value it throws and keeps its previous configuration. A new schedule
   * re-plans the current wait from the end of the previous run (before the
   * first run, the `initialDelay` wait is kept); `maxRuns` at or below the
   * runs done, or an `until` before the planned run, ends the loop
   * `completed` at once. Changes during a run apply from the next wait.
   */
  update(changes: TaskUpdate): void {
    validateUpdate(this.name, changes as Record<string, unknown>, this.clock.wallNow())
    this.#loop.transition('configChanged', changes)
    this.emitStateChanged()
  }

  /** A snapshot of the task: state, counts, last summary, next run. */
  status(): TaskStatus {
    const loop = this.#loop
    const stats = loop.stats
    const status: TaskStatus = {
      name: this.name,
      level: loop.config.level,
      interval: loop.config.schedule.interval,
      state: loop.state,
      isRunning: loop.live,
      isActive: this.isActive,
      totalRuns: stats.totalRuns,
      failedRuns: stats.failedRuns,
      successRate: stats.totalRuns === 0 ? null : (stats.totalRuns - stats.failedRuns) / stats.totalRuns,
      skippedRuns: stats.skippedRuns,
      lastSummary: loop.lastSummary(),
      nextRunAt: loop.nextRunAt(),
    }
    if (loop.stopReason !== undefined) status.stopReason = loop.stopReason
    const runner = loop.runner()
    if (runner !== undefined) status.runner = runner
    const facet = this.#facetStatus()
    if (facet !== undefined) status.facet = facet
    return status
  }

  /** Listens to this task's events; returns the unsubscribe function. A throwing or rejecting listener is reported, and the others still run. */
  subscribe(listener: (event: TaskEvent) => unknown): () => void {
    if (typeof listener !== 'function') {
      throw new InvalidOptionError(`${taskPrefix(this.name)}subscribe() needs a function, got ${describeValue(listener)}`)
    }
    this.#emitter ??= createEmitter(taskPrefix(this.name), () => this.#loop.config.logger)
    return this.#emitter.subscribe(listener)
  }

  /** The work of one run. Subclasses override it (see `PeriodicTask`); by default it calls `options.run`. */
  protected execute(ctx: RunContext): unknown {
    return this.#loop.runFunction(ctx)
  }

  /** @internal The work of one run, for the loop (a method: no closure per task). */
  executeRun(ctx: RunContext): unknown {
    return this.execute(ctx)
  }

  /** The index of the run in flight, if any. */
  get runInFlight(): number | undefined {
    return this.#loop.runInFlight
  }

  /** @internal Whether anyone hears events: without listeners no event object is built. */
  get heard(): boolean {
    return (this.#emitter !== undefined && this.#emitter.size > 0) || this.#observer?.listening === true
  }

  /** @internal Sends an event to the registry, then to this task's listeners. */
  emit(event: LoopEvent): void {
    const full: TaskEvent =
      event.type === 'runFinished'
        ? { type: 'runFinished', name: this.name, summary: (event.run as FinishedRunRecord).summary() }
        : event.type === 'runStarted'
          ? { type: 'runStarted', name: this.name, runIndex: event.runIndex }
          : { type: 'stateChanged', name: this.name, state: this.#loop.state }
    const observer = this.#observer
    if (observer !== undefined && observer.listening) observer.notify(full)
    this.#emitter?.emit(full)
  }

  /** @internal Emits `stateChanged` (status fields changed) when anyone listens. */
  emitStateChanged(): void {
    if (this.heard) this.emit({ type: 'stateChanged', runIndex: -1, run: undefined })
  }

  #facetStatus(): FacetStatus | undefined {
    const facet = this.#options.facet
    if (facet === undefined) return undefined
    try {
      return facet.status()
    } catch {
      // A facet that cannot report leaves the task's own status intact.
      return undefined
    }
  }
}

Object.defineProperty(Task.prototype, TASK_BRAND, { value: true })
