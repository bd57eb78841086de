import type { LockManagerLike } from '../src/index.ts'

interface Request {
  readonly tab: string
  readonly callback: (lock: unknown) => unknown
  readonly resolve: (value: unknown) => void
  readonly reject: (error: unknown) => void
}

function abortError(): Error {
  const error = new Error('the request was aborted')
  error.name = 'AbortError'
  return error
}

/**
 * Web Locks for tests: exclusive locks granted in request order, per tab.
 * `tab(id)` gives one tab's `navigator.locks`; `closeTab(id)` drops what a
 * closing tab holds or waits for, as a browser does.
 */
export class FakeLocks {
  readonly #queues = new Map<string, Request[]>()
  readonly #holders = new Map<string, Request>()
  readonly #closed = new Set<string>()
  /** Every grant, in order: `[lock name, tab]`. */
  readonly grants: [string, string][] = []

  tab(id: string): LockManagerLike {
    return {
      request: (name, options, callback) =>
        new Promise((resolve, reject) => {
          const { signal } = options
          if (signal?.aborted) return reject(abortError())
          const request: Request = { tab: id, callback, resolve, reject }
          const queue = this.#queues.get(name) ?? []
          this.#queues.set(name, queue)
          queue.push(request)
          signal?.addEventListener(
            'abort',
            () => {
              const at = queue.indexOf(request)
              if (at < 0) return
              queue.splice(at, 1)
              reject(abortError())
            },
            { once: true },
          )
          this.#pump(name)
        }),
    }
  }

  /** Which tab holds `name`, if any. */
  holder(name: string): string | undefined {
    return this.#holders.get(name)?.tab
  }

  /** Requests waiting for `name`. */
  waiting(name: string): number {
    return this.#queues.get(name)?.length ?? 0
  }

  closeTab(id: string): void {
    this.#closed.add(id)
    for (const [name, queue] of this.#queues) {
      this.#queues.set(name, queue.filter((request) => request.tab !== id))
      if (this.#holders.get(name)?.tab === id) {
        this.#holders.delete(name)
        this.#pump(name)
      }
    }
  }

  #pump(name: string): void {
    if (this.#holders.has(name)) return
    const next = this.#queues.get(name)?.shift()
    if (next === undefined) return
    this.#holders.set(name, next)
    this.grants.push([name, next.tab])
    void Promise.resolve()
      .then(() => next.callback({ name, mode: 'exclusive' }))
      .then(
        (value) => this.#done(name, next, () => next.resolve(value)),
        (error: unknown) => this.#done(name, next, () => next.reject(error)),
      )
  }

  #done(name: string, request: Request, settle: () => void): void {
    if (this.#closed.has(request.tab)) return
    if (this.#holders.get(name) === request) this.#holders.delete(name)
    settle()
    this.#pump(name)
  }
}
