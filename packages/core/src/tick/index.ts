/**
 * Tick mode: `tick(registry, options)` runs what is due at a platform's
 * cron slot, with last runs kept in a store; the Cloudflare, Deno and HTTP
 * adapters call it. Also the stores' helpers and `snapshotSource`.
 * @module
 */
export { tick, type ShedTask, type TickOptions, type TickReport, type TickRun } from './run-due.ts'
export { memoryTickStore, type MemoryTickStore } from './memory-store.ts'
export { canonicalJson, mutate, sameStoredValue, type Mutation, type TickStore } from './store.ts'
export type { RegistryRecord, TaskRecord } from './record.ts'
export { snapshotSource, type SnapshotSource, type SnapshotSourceOptions } from './snapshot-source.ts'
