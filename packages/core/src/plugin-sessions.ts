import { taskPrefix } from './errors.ts'
import { safeWarn } from './logger.ts'
import type { TaskConfig } from './task-config.ts'
import type { Admission, FinishedRun, PluginHost, PluginSession, RunnerStatus, TaskOptions, TaskPlugin } from './types.ts'

/**
 * The plugin sessions of one task's loop, from `start()` until the loop
 * ends, and the hooks the loop calls on them in plugin order. A plugin that
 * throws from a hook is reported and treated as having no opinion: a broken
 * plugin must not kill the loop.
 *
 * The loop itself is the plugins' host, and a loop no plugin attached to
 * keeps no sessions object: on Node, 100,000 tasks with the default plugins
 * make none.
 */
export class PluginSessions {
  #sessions: readonly PluginSession[]
  /** The sessions of the loop that ended: their status still says who runs the task. */
  #ended: readonly PluginSession[] = NO_SESSIONS
  /** Whether a live session may take a run's start (`dispatch`): without one, a due run makes no dispatch callback. */
  dispatches: boolean
  readonly #host: PluginHost

  private constructor(host: PluginHost, sessions: readonly PluginSession[]) {
    this.#host = host
    this.#sessions = sessions
    this.dispatches = sessions.some((session) => session.dispatch !== undefined)
  }

  /** Opens a session of every plugin that applies; undefined when none does. */
  static open(host: PluginHost, plugins: readonly TaskPlugin[]): PluginSessions | undefined {
    let sessions: PluginSession[] | undefined
    for (const plugin of plugins) {
      try {
        const session = plugin.attach(host)
        if (session !== undefined) (sessions ??= []).push(session)
      } catch (error) {
        warn(host, `plugin "${plugin.name}" failed to attach`, error)
      }
    }
    return sessions === undefined ? undefined : new PluginSessions(host, sessions)
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
        warn(this.#host, 'a plugin failed to detach', error)
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
        warn(this.#host, 'a plugin threw from admit()', error)
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
        warn(this.#host, 'a plugin threw from stretch()', error)
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
        warn(this.#host, 'a plugin threw from dispatch()', error)
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
        warn(this.#host, 'a plugin threw from observe()', error)
      }
    }
  }

  /** The fencing token of the first session holding a lease. */
  fence(): number | undefined {
    for (const session of this.#sessions) if (session.fence !== undefined) return session.fence
    return undefined
  }

  /** Who runs the task: from the live sessions, else the last loop's. */
  runner(): RunnerStatus | undefined {
    const sessions = this.#sessions.length > 0 ? this.#sessions : this.#ended
    try {
      for (const session of sessions) {
        const runner = session.status?.().runner
        if (runner !== undefined) return runner
      }
    } catch (error) {
      warn(this.#host, 'a plugin threw from status()', error)
    }
    return undefined
  }
}

const NO_SESSIONS: readonly PluginSession[] = Object.freeze([])

function warn(host: PluginHost, message: string, error: unknown): void {
  safeWarn(host.logger, `${taskPrefix(host.name)}${message}`, error)
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
