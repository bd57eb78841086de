import { describeValue, InvalidOptionError, prefix } from '../../errors.ts'
import { sameStoredValue, type TickStore } from '../../tick/store.ts'

/** The part of a Durable Object's `ctx.storage` the store uses (structural, no workers-types needed). */
export interface DurableObjectStorageLike {
  get(key: string): Promise<unknown>
  put(key: string, value: unknown): Promise<void>
  delete(key: string): Promise<boolean>
  /** Present on Durable Object storage; used so the compare and the write commit together. */
  transaction?<T>(closure: (txn: DurableObjectStorageLike) => Promise<T>): Promise<T>
}

/**
 * A {@link TickStore} in a Durable Object's storage (use it inside the
 * Durable Object). Strongly consistent with an atomic `compareAndSet`: one
 * object is one thread, and the compare and the write run in one storage
 * transaction, so two ticks never claim the same slot.
 *
 * @example
 * const store = durableObjectStore(this.ctx.storage)
 */
export function durableObjectStore(storage: DurableObjectStorageLike): TickStore {
  if (storage === null || typeof storage !== 'object' || typeof storage.get !== 'function' || typeof storage.put !== 'function') {
    throw new InvalidOptionError(`${prefix('durableObjectStore()')}needs a Durable Object's ctx.storage, got ${describeValue(storage)}`)
  }
  const write = async (target: DurableObjectStorageLike, key: string, value: unknown): Promise<void> => {
    if (value === undefined) await target.delete(key)
    else await target.put(key, value)
  }
  const compareAndSet = async (target: DurableObjectStorageLike, key: string, expected: unknown, next: unknown): Promise<boolean> => {
    if (!sameStoredValue(await target.get(key), expected)) return false
    await write(target, key, next)
    return true
  }
  return {
    get: (key) => storage.get(key),
    set: (key, value) => write(storage, key, value),
    compareAndSet: (key, expected, next) =>
      storage.transaction === undefined
        ? compareAndSet(storage, key, expected, next)
        : storage.transaction((txn) => compareAndSet(txn, key, expected, next)),
  }
}
