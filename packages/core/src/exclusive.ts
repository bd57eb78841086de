import { describeValue, InvalidOptionError, taskPrefix } from './errors.ts'
import { safeWarn, type Logger } from './logger.ts'
import { LEASE_BRAND } from './brand.ts'
import type { LockManagerLike, RunnerStatus } from './types.ts'

export type { ExclusiveScope, LockManagerLike } from './types.ts'

type RunnerRole = RunnerStatus['role']

/** The Web Lock a single-runner task holds while it runs in this context. */
export function lockNameFor(taskName: string): string {
  return `tickwork:task:${taskName}`
}

/** Checks the `exclusive` and `locks` task options. */
export function validateExclusive(taskName: string, exclusive: unknown, locks: unknown): void {
  const who = taskPrefix(taskName)
  const lease = exclusive !== null && typeof exclusive === 'object' && (exclusive as Record<symbol, unknown>)[LEASE_BRAND] === true
  if (exclusive !== undefined && exclusive !== 'tabs' && !lease) {
    throw new InvalidOptionError(`${who}exclusive must be 'tabs' (one runner across the tabs of the origin) or a lease (redisLease, postgresLease), got ${describeValue(exclusive)}`)
  }
  if (locks !== undefined && (locks === null || typeof locks !== 'object' || typeof (locks as { request?: unknown }).request !== 'function')) {
    throw new InvalidOptionError(`${who}locks must be a lock manager with a request(name, options, callback) function (like navigator.locks), got ${describeValue(locks)}`)
  }
}

function webLocks(): LockManagerLike | undefined {
  const locks = (globalThis as { navigator?: { locks?: unknown } }).navigator?.locks
  return locks !== null && typeof locks === 'object' && typeof (locks as { request?: unknown }).request === 'function' ? (locks as LockManagerLike) : undefined
}

/**
 * Decides whether this context runs a single-runner task: while the task is
 * started it asks for a Web Lock named after it, and only the holder runs the
 * scheduled runs; the other contexts keep the rhythm and skip. When the holder
 * stops the task or its tab closes, the lock passes to the next context in
 * line, which runs at its next slot — within one interval.
 */
export class TabLock {
  readonly #lockName: string
  readonly #injected: LockManagerLike | undefined
  readonly #onChange: () => void
  readonly #logger: Logger
  readonly #taskName: string
  #role: RunnerRole = 'other'
  #controller: AbortController | undefined

  constructor(taskName: string, locks: LockManagerLike | undefined, logger: Logger, onChange: () => void) {
    this.#taskName = taskName
    this.#lockName = lockNameFor(taskName)
    this.#injected = locks
    this.#logger = logger
    this.#onChange = onChange
  }

  /** `'this'` holds the lock, `'other'` waits for it (or the task is not started), `'local-only'` has no Web Locks. */
  get role(): RunnerRole {
    return this.#role
  }

  /** Whether a scheduled run may start here. */
  get mayRun(): boolean {
    return this.#role !== 'other'
  }

  /** Asks for the lock (once while started). Web Locks are looked up now, not at import. */
  acquire(): void {
    if (this.#controller !== undefined) return
    const locks = this.#injected ?? webLocks()
    if (locks === undefined) {
      this.#setRole('local-only')
      return
    }
    const controller = new AbortController()
    this.#controller = controller
    this.#setRole('other')
    let granted = false
    const hold = (): Promise<void> | undefined => {
      if (controller.signal.aborted) return undefined
      granted = true
      this.#setRole('this')
      // Held until release() aborts the controller; a closing tab drops it anyway.
      return new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }))
    }
    let request: Promise<unknown>
    try {
      request = Promise.resolve(locks.request(this.#lockName, { mode: 'exclusive', signal: controller.signal }, hold))
    } catch (error) {
      request = Promise.reject(error)
    }
    request.then(
      () => this.#lost(controller, granted, undefined),
      (error: unknown) => this.#lost(controller, granted, error),
    )
  }

  /** Gives the lock back (or stops waiting for it). */
  release(): void {
    const controller = this.#controller
    this.#controller = undefined
    controller?.abort()
    // 'local-only' stays: it tells why this context ran the task on its own.
    if (this.#role !== 'local-only') this.#setRole('other')
  }

  /** The request settled: by our own release (nothing to do), or the lock was taken away or refused. */
  #lost(controller: AbortController, granted: boolean, error: unknown): void {
    if (this.#controller !== controller || controller.signal.aborted) return
    this.#controller = undefined
    if (granted) {
      // Taken from us (another context used `steal`): queue up again.
      this.#setRole('other')
      this.acquire()
      return
    }
    // Refused (e.g. a SecurityError in an opaque origin): run here rather than nowhere, and say so.
    safeWarn(this.#logger, `${taskPrefix(this.#taskName)}the Web Lock "${this.#lockName}" was refused; running in this context only`, error)
    this.#setRole('local-only')
  }

  #setRole(role: RunnerRole): void {
    if (role === this.#role) return
    this.#role = role
    this.#onChange()
  }
}
