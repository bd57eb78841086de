import type { Clock } from './clock.ts'
import { taskPrefix } from './errors.ts'
import { safeWarn } from './logger.ts'
import type { TaskConfig } from './task-config.ts'
import type { Admission, FinishedRun, PluginHost, PluginSession, RunnerStatus, TaskOptions, TaskPlugin } from './types.ts'

/** What the loop lets plugins do to it (each goes through the loop's transition function). */
export interface LoopControls {
  readonly config: TaskConfig
  release(): void
  abortRun(reason: Error): void
  changed(): void
}

const NO_SESSIONS: readonly PluginSession[] = Object.freeze([])

/**
 * The plugin sessions of one task's loop, from `start()` until the loop
 * ends, and the hooks the loop calls on them in plugin order. A plugin that
 * throws from a hook is reported and treated as having no opinion: a broken
 * plugin must not kill the loop.
 */
export class PluginSessions implements PluginHost {
  #sessions: readonly PluginSession[] = NO_SESSIONS
  /** Whether a live session may take a run's start (`dispatch`): without one, a due run makes no dispatch callback. */
  dispatches = false
  /** The sessions of the loop that ended last: their status still says who runs the task. */
  #ended: readonly PluginSession[] = NO_SESSIONS
  readonly #name: string
  readonly #options: Readonly<TaskOptions>
  readonly #clock: Clock
  readonly #loop: LoopControls

  constructor(name: string, options: Readonly<TaskOptions>, clock: Clock, loop: LoopControls) {
    this.#name = name
    this.#options = options
    this.#clock = clock
    this.#loop = loop
  }

  /** Opens a session of every plugin that applies (closing the previous ones first). */
  attach(plugins: readonly TaskPlugin[]): void {
    this.detach()
    this.#ended = NO_SESSIONS
    if (plugins.length === 0) return
    const sessions: PluginSession[] = []
    for (const plugin of plugins) {
      try {
        const session = plugin.attach(this)
        if (session !== undefined) sessions.push(session)
      } catch (error) {
        this.#warn(`plugin "${plugin.name}" failed to attach`, error)
      }
    }
    this.#sessions = sessions.length === 0 ? NO_SESSIONS : sessions
    this.dispatches = sessions.some((session) => session.dispatch !== undefined)
  }

  detach(): void {
    const sessions = this.#sessions
    if (sessions.length === 0) return
    this.#sessions = NO_SESSIONS
    this.dispatches = false
    this.#ended = sessions
    for (const session of sessions) {
      try {
        session.detach?.()
      } catch (error) {
        this.#warn('a plugin failed to detach', error)
      }
    }
  }

  /** `'skip'` or `'hold'` from the first plugin that says so; else `'run'`. */
  admit(due: number): Admission {
    for (const session of this.#sessions) {
      if (session.admit === undefined) continue
      let answer: Admission = 'run'
      try {
        answer = session.admit(due)
      } catch (error) {
        this.#warn('a plugin threw from admit()', error)
      }
      if (answer === 'skip' || answer === 'hold') return answer
    }
    return 'run'
  }

  /** The deadline after every plugin's stretch (never earlier than `due`). */
  stretch(now: number, due: number): number {
    let stretched = due
    for (const session of this.#sessions) {
      if (session.stretch === undefined) continue
      try {
        const next = session.stretch(now, stretched)
        if (typeof next === 'number' && next > stretched) stretched = next
      } catch (error) {
        this.#warn('a plugin threw from stretch()', error)
      }
    }
    return stretched
  }

  /** True when a plugin took the start of a scheduled run. */
  dispatch(start: () => void): boolean {
    for (const session of this.#sessions) {
      if (session.dispatch === undefined) continue
      try {
        if (session.dispatch(start)) return true
      } catch (error) {
        this.#warn('a plugin threw from dispatch()', error)
      }
    }
    return false
  }

  observe(run: FinishedRun): void {
    for (const session of this.#sessions) {
      if (session.observe === undefined) continue
      try {
        session.observe(run)
      } catch (error) {
        this.#warn('a plugin threw from observe()', error)
      }
    }
  }

  /** The fencing token of the first session holding a lease. */
  fence(): number | undefined {
    for (const session of this.#sessions) if (session.fence !== undefined) return session.fence
    return undefined
  }

  /** Whether no session is open and none ended with the last loop: the loop can drop this object. */
  get empty(): boolean {
    return this.#sessions.length === 0 && this.#ended.length === 0
  }

  /** Who runs the task: from the live sessions, else the last loop's, else the plugins' idle status. */
  runner(plugins: readonly TaskPlugin[]): RunnerStatus | undefined {
    const sessions = this.#sessions.length > 0 ? this.#sessions : this.#ended
    try {
      for (const session of sessions) {
        const runner = session.status?.().runner
        if (runner !== undefined) return runner
      }
    } catch (error) {
      this.#warn('a plugin threw from status()', error)
      return undefined
    }
    return sessions.length === 0 ? idleRunner(plugins, this.#options, this.#loop.config.logger, this.#name) : undefined
  }

  // The sessions object is itself the plugins' host: no second object or closures per task.
  get name(): string {
    return this.#name
  }

  get options(): Readonly<TaskOptions> {
    return this.#options
  }

  get clock(): Clock {
    return this.#clock
  }

  get level(): TaskConfig['level'] {
    return this.#loop.config.level
  }

  get logger(): TaskConfig['logger'] {
    return this.#loop.config.logger
  }

  get interval(): number | null {
    return this.#loop.config.schedule.interval
  }

  release(): void {
    this.#loop.release()
  }

  abortRun(reason: Error): void {
    this.#loop.abortRun(reason)
  }

  changed(): void {
    this.#loop.changed()
  }

  #warn(message: string, error: unknown): void {
    safeWarn(this.#loop.config.logger, `${taskPrefix(this.#name)}${message}`, error)
  }
}

/** Who runs a task no session speaks for: the first plugin's idle status that says. */
export function idleRunner(plugins: readonly TaskPlugin[], options: Readonly<TaskOptions>, logger: TaskConfig['logger'], name: string): RunnerStatus | undefined {
  try {
    for (const plugin of plugins) {
      const runner = plugin.idleStatus?.(options)?.runner
      if (runner !== undefined) return runner
    }
  } catch (error) {
    safeWarn(logger, `${taskPrefix(name)}a plugin threw from status()`, error)
  }
  return undefined
}
