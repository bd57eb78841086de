/**
 * Cloudflare Workers: Cron Trigger handler, Durable Object alarm ticker and
 * stores. Imported only by Worker code, never by the main entry.
 * @module
 */
export { alarmTicker, type AlarmStorageLike, type AlarmTicker, type AlarmTickerOptions } from './alarm.ts'
export { durableObjectStore, type DurableObjectStorageLike } from './durable-object-store.ts'
export { kvStore, type KvNamespaceLike } from './kv-store.ts'
export { scheduledHandler, type ScheduledControllerLike, type ScheduledHandlerOptions } from './scheduled.ts'
