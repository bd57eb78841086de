import { TabLock, validateExclusive } from '../exclusive.ts'
import type { Admission, PluginHost, PluginSession, PluginStatus, TaskPlugin } from '../types.ts'

/** `exclusive: 'tabs'`: scheduled runs happen in one tab (or worker) of the origin at a time, through a Web Lock. */
export function tabsPlugin(): TaskPlugin {
  return {
    name: 'tabs',
    validate(options) {
      validateExclusive(options.name, options.exclusive, options.locks)
    },
    attach(host) {
      return host.options.exclusive === 'tabs' ? new TabsSession(host) : undefined
    },
    idleStatus(options) {
      return options.exclusive === 'tabs' ? { runner: { role: 'other' } } : undefined
    },
  }
}

class TabsSession implements PluginSession {
  readonly #lock: TabLock

  constructor(host: PluginHost) {
    this.#lock = new TabLock(host.name, host.options.locks, host.logger, () => host.changed())
    this.#lock.acquire()
  }

  admit(): Admission {
    return this.#lock.mayRun ? 'run' : 'skip'
  }

  status(): Partial<PluginStatus> {
    return { runner: { role: this.#lock.role } }
  }

  detach(): void {
    this.#lock.release()
  }
}
