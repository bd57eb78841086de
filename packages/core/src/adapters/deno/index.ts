/**
 * Deno: `Deno.cron` ticks with state in Deno KV. Imported only by Deno code,
 * never by the main entry.
 * @module
 */
export { denoCron, type DenoCronFunction, type DenoCronHandle, type DenoCronOptions } from './cron.ts'
export { denoKvStore, type DenoAtomicLike, type DenoKvKey, type DenoKvLike, type DenoKvStoreOptions } from './kv-store.ts'
