import { taskPrefix } from '../errors.ts'
import { LEASE_BRAND, type Lease, type LeaseEvents, type LeaseSession } from '../lease.ts'
import { safeWarn } from '../logger.ts'
import type { LockManagerLike, RunnerStatus } from '../types.ts'

export type { LockManagerLike } from '../types.ts'

/** The Web Lock a single-runner task holds while it runs in this context. */
export function lockNameFor(taskName: string): string {
  return `tickwork:task:${taskName}`
}

function globalLocks(): LockManagerLike | undefined {
  const locks = (globalThis as { navigator?: { locks?: unknown } }).navigator?.locks
  return locks !== null && typeof locks === 'object' && typeof (locks as { request?: unknown }).request === 'function' ? (locks as LockManagerLike) : undefined
}

type Role = 'this' | 'other' | 'local-only'

const STATUS: Record<Role, RunnerStatus> = { this: { role: 'this' }, other: { role: 'other' }, 'local-only': { role: 'local-only' } }

/**
 * One runner across the tabs (and workers) of an origin, through the Web
 * Locks API: what `exclusive: 'tabs'` uses. While a task is started, its
 * session asks for the Web Lock `tickwork:task:<name>`; only the holder runs
 * scheduled runs. When the holder stops the task or its tab closes, the lock
 * passes to the next context in line, which runs at its next slot.
 *
 * Without Web Locks (or when the lock is refused, e.g. in an opaque origin)
 * the task runs in this context and its runner role says `'local-only'`.
 * Web Locks carry no fencing token: `fence` stays undefined.
 *
 * @param locks The lock manager. Default: `navigator.locks`, looked up when a session opens (never at import).
 */
export function webLocksLease(locks?: LockManagerLike): Lease {
  return {
    [LEASE_BRAND]: true,
    engine: 'web-locks',
    open: (key, events) => openSession(lockNameFor(key), key, locks ?? globalLocks(), events),
  }
}

function openSession(lockName: string, taskName: string, locks: LockManagerLike | undefined, events: LeaseEvents): LeaseSession {
  let role: Role = 'other'
  let controller: AbortController | undefined
  const setRole = (next: Role): void => {
    if (next === role) return
    role = next
    events.changed()
  }

  const acquire = (): void => {
    if (locks === undefined) {
      setRole('local-only')
      return
    }
    const current = new AbortController()
    controller = current
    let granted = false
    const hold = (): Promise<void> | undefined => {
      if (current.signal.aborted) return undefined
      granted = true
      setRole('this')
      // Held until close() aborts the controller; a closing tab drops it anyway.
      return new Promise<void>((resolve) => current.signal.addEventListener('abort', () => resolve(), { once: true }))
    }
    let request: Promise<unknown>
    try {
      request = Promise.resolve(locks.request(lockName, { mode: 'exclusive', signal: current.signal }, hold))
    } catch (error) {
      request = Promise.reject(error)
    }
    const settled = (error: unknown): void => {
      // Our own close(): nothing to do.
      if (controller !== current || current.signal.aborted) return
      controller = undefined
      if (granted) {
        // Taken from us (another context used `steal`): queue up again.
        setRole('other')
        acquire()
        return
      }
      // Refused: run here rather than nowhere, and say so.
      safeWarn(events.logger, `${taskPrefix(taskName)}the Web Lock "${lockName}" was refused; running in this context only`, error)
      setRole('local-only')
    }
    request.then(
      () => settled(undefined),
      (error: unknown) => settled(error),
    )
  }

  acquire()
  return {
    get holding() {
      return role !== 'other'
    },
    fence: undefined,
    get status() {
      return STATUS[role]
    },
    close: () => {
      const current = controller
      controller = undefined
      current?.abort()
      // 'local-only' stays: it tells why this context ran the task on its own.
      if (role !== 'local-only') setRole('other')
      return Promise.resolve()
    },
  }
}
