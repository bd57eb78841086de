/**
 * Cached values: a source function cached with `expire` and `tolerance`,
 * refreshed on demand or kept warm by a task, in memory or in a store (Web
 * Storage, IndexedDB; a file through `@tickwork/core/file-store`). Its own
 * entry so an app with tasks only does not bundle it.
 *
 * @example
 * import { createCachedValue, webStorageStore } from '@tickwork/core/cache'
 * const user = createCachedValue({ source: fetchUser, expire: 60_000, store: webStorageStore(), key: 'user' })
 * const current = await user.get()
 * @module
 */
export {
  createCachedValue,
  type CachedGetOptions,
  type CachedValue,
  type CachedValueOptions,
  type CachedValueSourceContext,
} from './cached-value.ts'
export type { CacheStore } from './stores/store.ts'
export { memoryStore, type MemoryStore } from './stores/memory-store.ts'
export { webStorageStore, type WebStorageStoreOptions } from './stores/web-storage-store.ts'
export { indexedDbStore, type IndexedDbStoreOptions } from './stores/indexeddb-store.ts'
export type { CacheStatus } from './types.ts'
