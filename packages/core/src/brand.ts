/**
 * Brands recognise tickwork objects made by another copy of the package (two
 * versions in one app, a bundle and a CDN build): `instanceof` would say no.
 */
export const TASK_BRAND: unique symbol = Symbol.for('tickwork.task')
export const REGISTRY_BRAND: unique symbol = Symbol.for('tickwork.registry.class')
/** Brand of `Lease` objects (Web Locks, Redis, PostgreSQL). */
export const LEASE_BRAND: unique symbol = Symbol.for('tickwork.lease')
export const IRRECOVERABLE_BRAND: unique symbol = Symbol.for('tickwork.irrecoverable')

function branded(value: unknown, brand: symbol): boolean {
  try {
    return value !== null && (typeof value === 'object' || typeof value === 'function') && (value as Record<symbol, unknown>)[brand] === true
  } catch {
    // A hostile proxy: not ours.
    return false
  }
}

/** True for a tickwork `Task` from any copy of the package. */
export function isTask(value: unknown): boolean {
  return branded(value, TASK_BRAND)
}

/** True for a tickwork `TaskRegistry` from any copy of the package. */
export function isTaskRegistry(value: unknown): boolean {
  return branded(value, REGISTRY_BRAND)
}

/** True for an `IrrecoverableError` or a subclass of it, from any copy of the package. */
export function isIrrecoverable(error: unknown): boolean {
  return branded(error, IRRECOVERABLE_BRAND)
}
