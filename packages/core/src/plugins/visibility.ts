import { defaultWhenHidden, HIDDEN_SLOW_FACTOR, resolveVisibility, validateVisibilityOptions } from '../visibility.ts'
import type { Admission, PluginHost, PluginSession, TaskPlugin, VisibilitySource } from '../types.ts'

/** One subscription to a visibility source, fanned out to every task session that follows it. */
interface Fanout {
  readonly sessions: Set<HiddenSession>
  readonly unsubscribe: () => void
}

/**
 * Page visibility for tasks (`whenHidden`): while the page is hidden, `low`
 * tasks pause (a due run waits; one overdue run happens on becoming
 * visible), `medium` ones slow down (waits ×4), `high`/`critical` run as
 * usual. One `visibilitychange` subscription per source for all the tasks of
 * the plugin, not one per task.
 */
export function visibilityPlugin(): TaskPlugin {
  const fanouts = new Map<VisibilitySource, Fanout>()
  return {
    name: 'visibility',
    validate(options) {
      validateVisibilityOptions(`task "${options.name}"`, options.whenHidden, options.visibility)
    },
    attach(host) {
      const source = resolveVisibility(host.options.visibility)
      if (source === undefined) return undefined
      let fanout = fanouts.get(source)
      if (fanout === undefined) {
        const sessions = new Set<HiddenSession>()
        const unsubscribe = source.subscribe((hidden) => {
          if (!hidden) for (const session of [...sessions]) session.visible()
        })
        fanout = { sessions, unsubscribe }
        fanouts.set(source, fanout)
      }
      const session = new HiddenSession(host, source, () => {
        const current = fanouts.get(source)
        if (current === undefined) return
        current.sessions.delete(session)
        if (current.sessions.size === 0) {
          fanouts.delete(source)
          current.unsubscribe()
        }
      })
      fanout.sessions.add(session)
      return session
    },
  }
}

/** What one task does about visibility while its loop is live. */
class HiddenSession implements PluginSession {
  readonly #host: PluginHost
  readonly #source: VisibilitySource
  readonly #leave: () => void
  /** A due run waits for the page (`'pause'`), or a wait was stretched (`'slow'`): on becoming visible the loop is told. */
  #owed = false

  constructor(host: PluginHost, source: VisibilitySource, leave: () => void) {
    this.#host = host
    this.#source = source
    this.#leave = leave
  }

  #mode(): 'run' | 'pause' | 'slow' {
    return this.#host.options.whenHidden ?? defaultWhenHidden(this.#host.level)
  }

  admit(): Admission {
    if (this.#mode() !== 'pause' || !this.#source.isHidden()) return 'run'
    this.#owed = true
    return 'hold'
  }

  stretch(now: number, due: number): number {
    if (due <= now || this.#mode() !== 'slow' || !this.#source.isHidden()) return due
    this.#owed = true
    return now + (due - now) * HIDDEN_SLOW_FACTOR
  }

  visible(): void {
    if (!this.#owed) return
    this.#owed = false
    this.#host.release()
  }

  detach(): void {
    this.#owed = false
    this.#leave()
  }
}
