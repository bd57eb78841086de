import { describeValue, InvalidOptionError, prefix } from '../../errors.ts'
import type { TickStore } from '../../tick/store.ts'

/** The part of a Workers KV namespace binding the store uses. */
export interface KvNamespaceLike {
  get(key: string, type: 'json'): Promise<unknown>
  put(key: string, value: string): Promise<void>
  delete(key: string): Promise<void>
}

/**
 * A {@link TickStore} in Workers KV. KV has no compare-and-set and is
 * eventually consistent (a write may take up to 60 s to be seen in other
 * locations), so it cannot stop a redelivered tick in another location from
 * running a slot again. Fine for one Cron Trigger a minute; use
 * `durableObjectStore` when a double run matters.
 */
export function kvStore(namespace: KvNamespaceLike): TickStore {
  if (namespace === null || typeof namespace !== 'object' || typeof namespace.get !== 'function' || typeof namespace.put !== 'function') {
    throw new InvalidOptionError(`${prefix('kvStore()')}needs a KV namespace binding (env.MY_KV), got ${describeValue(namespace)}`)
  }
  return {
    get: async (key) => (await namespace.get(key, 'json')) ?? undefined,
    set: (key, value) => (value === undefined ? namespace.delete(key) : namespace.put(key, JSON.stringify(value))),
  }
}
