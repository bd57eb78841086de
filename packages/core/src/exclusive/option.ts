import { describeValue, InvalidOptionError, taskPrefix } from '../errors.ts'
import { LEASE_BRAND, type Lease } from '../lease.ts'
import { webLocksLease, type LockManagerLike } from './web-locks.ts'


/** True for a {@link Lease}, from this or another copy of the package (brand check, not `instanceof`). */
export function isLease(value: unknown): value is Lease {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as Record<symbol, unknown>)[LEASE_BRAND] === true &&
    typeof (value as { open?: unknown }).open === 'function'
  )
}

/** Checks the `exclusive` and `locks` task options, quoting what was received. */
export function validateExclusive(taskName: string, exclusive: unknown, locks: unknown): void {
  const who = taskPrefix(taskName)
  if (exclusive !== undefined && exclusive !== 'tabs' && !isLease(exclusive)) {
    throw new InvalidOptionError(
      `${who}exclusive must be 'tabs' (one runner across the tabs of the origin) or a lease such as redisLease(client), got ${describeValue(exclusive)}`,
    )
  }
  if (locks !== undefined && (locks === null || typeof locks !== 'object' || typeof (locks as { request?: unknown }).request !== 'function')) {
    throw new InvalidOptionError(`${who}locks must be a lock manager with a request(name, options, callback) function (like navigator.locks), got ${describeValue(locks)}`)
  }
}

/** The lease an `exclusive` option stands for, or undefined when the task has none. */
export function leaseOf(exclusive: unknown, locks: unknown): Lease | undefined {
  if (exclusive === 'tabs') return webLocksLease(locks as LockManagerLike | undefined)
  return isLease(exclusive) ? exclusive : undefined
}
