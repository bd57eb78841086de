import { prefix } from '../errors.ts'
import { safeWarn } from '../logger.ts'
import { priorityForLevel, resolveScheduler, validatePostTaskOptions } from '../post-task.ts'
import type { PluginHost, PluginSession, TaskPlugin } from '../types.ts'

/** How long a posted run may wait for its callback before the loop starts it plainly, without an interval. */
const DEFAULT_POST_WAIT = 60_000

/**
 * Scheduled runs go through `scheduler.postTask` with the level's priority
 * where the platform has it (`critical`/`high` → `'user-visible'`, else
 * `'background'`). A scheduler that throws, rejects without calling back, or
 * does not call back within one interval falls back to a plain start and
 * warns once: the loop never stays `scheduled` with nothing armed.
 */
export function postTaskPlugin(): TaskPlugin {
  return {
    name: 'postTask',
    validate(options) {
      validatePostTaskOptions(`task "${options.name}"`, options.postTaskPriority, options.scheduler)
    },
    attach(host) {
      // Virtual clocks never use the page's scheduler: runs then start inside advance().
      // Looked up at start: no session for the many tasks of a runtime without one (Node, Deno, Bun).
      if (resolveScheduler(host.options.scheduler, host.clock.virtual !== true) === undefined) return undefined
      return new PostTaskSession(host)
    },
  }
}

class PostTaskSession implements PluginSession {
  readonly #host: PluginHost
  #warned = false

  constructor(host: PluginHost) {
    this.#host = host
  }

  dispatch(start: () => void): boolean {
    const host = this.#host
    const scheduler = resolveScheduler(host.options.scheduler, host.clock.virtual !== true)
    if (scheduler === undefined) return false
    let settled = false
    const fallBack = (why: string, error?: unknown): void => {
      if (settled) return
      settled = true
      host.clock.clearTimeout(watchdog)
      if (!this.#warned) {
        this.#warned = true
        safeWarn(host.logger, `${prefix(`task "${host.name}"`)}scheduler.postTask ${why}; running directly`, error)
      }
      host.release()
    }
    const watchdog = host.clock.setTimeout(() => fallBack('did not call back within one interval'), host.interval ?? DEFAULT_POST_WAIT)
    host.clock.unref?.(watchdog)
    const callback = (): void => {
      if (settled) return
      settled = true
      host.clock.clearTimeout(watchdog)
      start()
    }
    const priority = host.options.postTaskPriority ?? priorityForLevel(host.level)
    let posted: unknown
    try {
      posted = scheduler.postTask(callback, { priority })
    } catch (error) {
      fallBack('threw', error)
      return true
    }
    Promise.resolve(posted).then(undefined, (error: unknown) => fallBack('rejected', error))
    return true
  }
}
