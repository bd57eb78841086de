import { systemClock, type Clock } from './clock.ts'
import { describeValue, DuplicateTaskError, InvalidOptionError, prefix } from './errors.ts'
import { isTaskLevel, LEVELS, type TaskLevel } from './levels.ts'
import { consoleLogger, type Logger } from './logger.ts'
import { isTask, REGISTRY_BRAND } from './brand.ts'
import { createEmitter, type Emitter } from './emitter.ts'
import { timerQueueFor } from './timer-queue.ts'
import { attachObserver, detachObserver, taskOptions, type StopOptions, type Task } from './task.ts'
import { assertClock, assertLogger, assertStopOptions } from './validate.ts'
import type { LevelCounts, RegistrySummary, TaskEvent, TaskPlugin } from './types.ts'

/** Events of a registry: its tasks' events plus additions and removals. */
export type RegistryEvent = TaskEvent | { type: 'taskAdded'; task: Task } | { type: 'taskRemoved'; name: string }

/** Options of a {@link TaskRegistry}. */
export interface RegistryOptions {
  /** Clock for tasks created with this registry. Default: the system clock. */
  clock?: Clock
  /** Where throwing listeners are reported. Default: `console`. */
  logger?: Logger
  /**
   * The features its tasks get (see `TaskPlugin`). `TaskRegistry` from the
   * main entry defaults to the plugins that make levels act (visibility,
   * `postTask` priorities, `exclusive`); `[]` is the lean kernel.
   */
  plugins?: readonly TaskPlugin[]
}

/**
 * A set of named tasks: look them up, count them, listen to them, start and
 * stop them together. This is the kernel's registry (no plugins unless
 * given); the main entry's `TaskRegistry` is this with the default plugins.
 */
export class KernelRegistry {
  /** The clock tasks created with this registry use by default. */
  readonly clock: Clock
  /** The features its tasks get, in hook order. */
  readonly plugins: readonly TaskPlugin[]
  readonly #logger: Logger
  readonly #tasks = new Map<string, Task>()
  /** Only for tasks whose observer slot another registry holds; the others report through {@link #observer}. */
  readonly #unsubscribes = new Map<string, () => void>()
  readonly #emitter: Emitter<RegistryEvent>
  /** One for all tasks here: it sits in each task's observer slot instead of a subscription closure per task. */
  readonly #observer: { listening: boolean; notify(event: TaskEvent): void } = {
    listening: false,
    notify: (event) => this.#emitter.emit(event),
  }

  constructor(options: RegistryOptions = {}) {
    if (options === null || typeof options !== 'object') {
      throw new InvalidOptionError(`${prefix('registry')}options must be an object, got ${describeValue(options)}`)
    }
    if (options.clock !== undefined) assertClock(options.clock, 'registry')
    if (options.logger !== undefined) assertLogger(options.logger, 'registry')
    if (options.plugins !== undefined && !Array.isArray(options.plugins)) {
      throw new InvalidOptionError(`${prefix('registry')}plugins must be an array of plugins, got ${describeValue(options.plugins)}`)
    }
    this.clock = options.clock ?? systemClock
    this.#logger = options.logger ?? consoleLogger
    this.plugins = Object.freeze([...(options.plugins ?? [])])
    this.#emitter = createEmitter(prefix('registry'), () => this.#logger, (size) => {
      this.#observer.listening = size > 0
    })
  }

  /** Adds a task. Throws {@link DuplicateTaskError} when the name is taken. */
  register(task: Task): Task {
    if (!isTask(task)) {
      throw new InvalidOptionError(`${prefix('registry')}register() needs a Task, got ${describeValue(task)}`)
    }
    const options = taskOptions(task)
    if (options.plugins === undefined) for (const plugin of this.plugins) plugin.validate?.(options)
    const existing = this.#tasks.get(task.name)
    if (existing === task) return task
    if (existing !== undefined) {
      throw new DuplicateTaskError(
        `${prefix('registry')}a task named "${task.name}" is already registered; unregister it first or adopt it with registry.get("${task.name}")`,
      )
    }
    this.#tasks.set(task.name, task)
    // A task in two registries: the first holds its observer slot, the second subscribes.
    if (!attachObserver(task, this.#observer, this.plugins)) this.#unsubscribes.set(task.name, task.subscribe((event) => this.#emitter.emit(event)))
    this.#emitter.emit({ type: 'taskAdded', task })
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
    this.#emitter.emit({ type: 'taskRemoved', name })
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

  /** Listens to every event of every task here; returns the unsubscribe function. A throwing or rejecting listener is reported, and the others still run. */
  subscribe(listener: (event: RegistryEvent) => unknown): () => void {
    if (typeof listener !== 'function') {
      throw new InvalidOptionError(`${prefix('registry')}subscribe() needs a function, got ${describeValue(listener)}`)
    }
    return this.#emitter.subscribe(listener)
  }

  /** Starts every task that is not running, critical first (one pass over the tasks). */
  startAll(): void {
    // One clock reading for every task on the registry's clock: their initialDelays count from the same instant.
    timerQueueFor(this.clock).batch(() => {
      for (const tasks of this.#byRank()) for (const task of tasks) task.start()
    })
  }

  /**
   * Stops every task, from low to critical. Waits end at once; only runs in
   * flight are awaited, each level before the next. Resolves true when every
   * run in flight settled within `timeout` ms (per level).
   */
  async stopAll(options: StopOptions = {}): Promise<boolean> {
    // Checked here too: with no task registered, no stop() would see a bad timeout.
    assertStopOptions(options, 'registry: stopAll()')
    let allSettled = true
    const levels = this.#byRank()
    const queue = timerQueueFor(this.clock)
    for (let rank = levels.length - 1; rank >= 0; rank--) {
      const waits: Promise<boolean>[] = []
      // One clock reading for the level, and its waits leave the timer queue in one pass.
      queue.batch(() => {
        for (const task of levels[rank] as Task[]) {
          // A task with no run in flight stops synchronously: nothing to wait on.
          const busy = task.runInFlight !== undefined
          const stopped = task.stop(options)
          if (busy) waits.push(stopped)
        }
      })
      if (waits.length > 0 && (await Promise.all(waits)).includes(false)) allSettled = false
    }
    return allSettled
  }

  /** The tasks bucketed by level rank, in registration order within a level. */
  #byRank(): Task[][] {
    const buckets: Task[][] = LEVELS.map(() => [])
    for (const task of this.#tasks.values()) (buckets[LEVELS.indexOf(task.level)] as Task[]).push(task)
    return buckets
  }
}

Object.defineProperty(KernelRegistry.prototype, REGISTRY_BRAND, { value: true })
