import { systemClock, type Clock } from './clock.ts'
import { describeValue, DuplicateTaskError, InvalidOptionError, prefix } from './errors.ts'
import { isTaskLevel, LEVELS, type TaskLevel } from './levels.ts'
import { consoleLogger, safeWarn, type Logger } from './logger.ts'
import { attachObserver, detachObserver, Task, type StopOptions } from './task.ts'
import { assertClock, assertLogger, assertStopOptions } from './validate.ts'
import { runDue, type TickOptions, type TickReport } from './tick/run-due.ts'
import type { LevelCounts, RegistrySummary, TaskEvent } from './types.ts'

/** Events of a registry: its tasks' events plus additions and removals. */
export type RegistryEvent = TaskEvent | { type: 'taskAdded'; task: Task } | { type: 'taskRemoved'; name: string }

/** Options of a {@link TaskRegistry}. */
export interface RegistryOptions {
  /** Clock for tasks created with this registry. Default: the system clock. */
  clock?: Clock
  /** Where throwing listeners are reported. Default: `console`. */
  logger?: Logger
}

/**
 * A set of named tasks: look them up, count them, listen to them, start and
 * stop them together. Apps use {@link getDefaultRegistry}; tests make fresh ones.
 */
export class TaskRegistry {
  /** The clock tasks created with this registry use by default. */
  readonly clock: Clock
  readonly #logger: Logger
  readonly #tasks = new Map<string, Task>()
  /** Only for tasks whose observer slot another registry holds; the others report through {@link #observer}. */
  readonly #unsubscribes = new Map<string, () => void>()
  /** Copy-on-write, so a notify iterates a stable list without copying it per event. */
  #listeners: readonly ((event: RegistryEvent) => void)[] = []
  /** One for all tasks here: it sits in each task's observer slot instead of a subscription closure per task. */
  readonly #observer: { listening: boolean; notify(event: TaskEvent): void } = {
    listening: false,
    notify: (event) => this.#notify(event),
  }

  constructor(options: RegistryOptions = {}) {
    if (options === null || typeof options !== 'object') {
      throw new InvalidOptionError(`${prefix('registry')}options must be an object, got ${describeValue(options)}`)
    }
    if (options.clock !== undefined) assertClock(options.clock, 'registry')
    if (options.logger !== undefined) assertLogger(options.logger, 'registry')
    this.clock = options.clock ?? systemClock
    this.#logger = options.logger ?? consoleLogger
  }

  /** Adds a task. Throws {@link DuplicateTaskError} when the name is taken. */
  register(task: Task): Task {
    if (!(task instanceof Task)) {
      throw new InvalidOptionError(`${prefix('registry')}register() needs a Task, got ${describeValue(task)}`)
    }
    const existing = this.#tasks.get(task.name)
    if (existing === task) return task
    if (existing !== undefined) {
      throw new DuplicateTaskError(
        `${prefix('registry')}a task named "${task.name}" is already registered; unregister it first or adopt it with registry.get("${task.name}")`,
      )
    }
    this.#tasks.set(task.name, task)
    // A task in two registries: the first holds its observer slot, the second subscribes.
    if (!attachObserver(task, this.#observer)) this.#unsubscribes.set(task.name, task.subscribe((event) => this.#notify(event)))
    this.#notify({ type: 'taskAdded', task })
    return task
  }

  /** Stops the task (without waiting) and removes it; returns it, or undefined when unknown. */
  unregister(name: string): Task | undefined {
    const task = this.#tasks.get(name)
    if (task === undefined) return undefined
    this.#tasks.delete(name)
    if (!detachObserver(task, this.#observer)) {
      this.#unsubscribes.get(name)?.()
      this.#unsubscribes.delete(name)
    }
    // Nobody awaits this stop: a timeout of 0 keeps a hung run from leaving a
    // 5 s wake-up armed (and a process alive) after stopAll() resolved.
    void task.stop({ timeout: 0 })
    this.#notify({ type: 'taskRemoved', name })
    return task
  }

  /** The task with this name, if registered. */
  get(name: string): Task | undefined {
    return this.#tasks.get(name)
  }

  /** Tasks of one level, in registration order. */
  byLevel(level: TaskLevel): Task[] {
    if (!isTaskLevel(level)) {
      throw new InvalidOptionError(`${prefix('registry')}byLevel() needs one of ${LEVELS.join(', ')}, got ${describeValue(level)}`)
    }
    return this.list().filter((task) => task.level === level)
  }

  /** All tasks, in registration order. */
  list(): Task[] {
    return [...this.#tasks.values()]
  }

  /** Number of registered tasks. */
  get size(): number {
    return this.#tasks.size
  }

  /** Counts in total and by level, plus every task's status. */
  summary(): RegistrySummary {
    const byLevel = {} as Record<TaskLevel, LevelCounts>
    for (const level of LEVELS) byLevel[level] = { total: 0, running: 0, active: 0 }
    const summary: RegistrySummary = { totalCount: 0, runningCount: 0, activeCount: 0, byLevel, tasks: [] }
    for (const task of this.#tasks.values()) {
      const status = task.status()
      const counts = byLevel[status.level]
      summary.tasks.push(status)
      summary.totalCount++
      counts.total++
      if (status.isRunning) {
        summary.runningCount++
        counts.running++
      }
      if (status.isActive) {
        summary.activeCount++
        counts.active++
      }
    }
    return summary
  }

  /** Listens to every event of every task here; returns the unsubscribe function. */
  subscribe(listener: (event: RegistryEvent) => void): () => void {
    if (typeof listener !== 'function') {
      throw new InvalidOptionError(`${prefix('registry')}subscribe() needs a function, got ${describeValue(listener)}`)
    }
    if (!this.#listeners.includes(listener)) this.#listeners = this.#listeners.concat(listener)
    this.#observer.listening = this.#listeners.length > 0
    return () => {
      this.#listeners = this.#listeners.filter((other) => other !== listener)
      this.#observer.listening = this.#listeners.length > 0
    }
  }

  /** Starts every task that is not running, critical first. */
  startAll(): void {
    for (const level of LEVELS) for (const task of this.byLevel(level)) task.start()
  }

  /**
   * Stops every task, from low to critical: each level is stopped and awaited
   * before the next. Resolves true when every run in flight settled within
   * `timeout` ms (per level).
   */
  async stopAll(options: StopOptions = {}): Promise<boolean> {
    // Checked here too: with no task registered, no stop() would see a bad timeout.
    assertStopOptions(options, 'registry: stopAll()')
    let allSettled = true
    for (const level of [...LEVELS].reverse()) {
      const results = await Promise.all(this.byLevel(level).map((task) => task.stop(options)))
      if (results.includes(false)) allSettled = false
    }
    return allSettled
  }

  /**
   * Edge tick mode: runs the tasks due at `now` (from the platform, e.g.
   * `controller.scheduledTime`) with last runs kept in `store`, critical
   * first, within `budgetMs`. Tasks are not started; the platform calls in.
   * See `docs/edge.md`.
   */
  tick(options: TickOptions): Promise<TickReport> {
    return runDue(this, options)
  }

  #notify(event: RegistryEvent): void {
    // The list is replaced, never changed in place: a listener may unsubscribe (or subscribe) while being called.
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch (error) {
        safeWarn(this.#logger, `${prefix('registry')}a ${event.type} listener threw`, error)
      }
    }
  }
}
