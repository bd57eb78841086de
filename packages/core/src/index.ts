/**
 * tickwork: periodic background tasks for browsers, Web Workers, Deno, Bun,
 * Node and edge functions. This entry is the public API; tick mode, the
 * bridge, test helpers and platform adapters have their own subpaths.
 * @module
 */
export { isIrrecoverable, isTask, isTaskRegistry } from './brand.ts'
export { systemClock, type Clock, type TimerHandle } from './clock.ts'
export { createTask } from './create-task.ts'
export { getDefaultRegistry } from './default-registry.ts'
export { DuplicateTaskError, InvalidOptionError, IrrecoverableError, TaskStoppedError, TickworkError, TimeoutError } from './errors.ts'
export { TaskLevel } from './levels.ts'
export { consoleLogger, type Logger } from './logger.ts'
export { PeriodicTask, type PeriodicTaskOptions } from './periodic-task.ts'
export type { RegistryEvent, RegistryOptions } from './registry.ts'
export { TaskRegistry } from './task-registry.ts'
export { fixedDelay, fixedRate } from './schedule.ts'
export { jitter, type JitterOptions } from './jitter.ts'
export { backoff, type BackoffOptions } from './backoff.ts'
export { sleep, type SleepOptions } from './sleep.ts'
export { Task, type StopOptions, type TaskConfigView, type TaskUpdate } from './task.ts'
export { defaultPlugins } from './plugins/defaults.ts'
export { visibilityPlugin } from './plugins/visibility.ts'
export { postTaskPlugin } from './plugins/post-task.ts'
export { exclusivePlugin } from './exclusive/plugin.ts'
export { LeaseLostError } from './exclusive/errors.ts'
export { webLocksLease } from './exclusive/web-locks.ts'
export { documentVisibility, manualVisibility, type ManualVisibility } from './visibility.ts'
export { lockNameFor } from './exclusive/web-locks.ts'
export {
  createTriggerQueue,
  type DrainOptions,
  type JobContext,
  type JobResult,
  type QueueEvent,
  type TriggerKeyState,
  type TriggerQueue,
  type TriggerQueueOptions,
} from './trigger-queue.ts'
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
export { detectShutdownHost, type ShutdownHost } from './platform.ts'
export { installShutdown, shutdown, type HookOutcome, type ShutdownContext, type ShutdownHook, type ShutdownOptions, type ShutdownReport, type UninstallShutdown } from './shutdown.ts'
export type {
  Admission,
  CacheStatus,
  ExclusiveScope,
  FacetAction,
  FacetStatus,
  FinishedRun,
  Lease,
  LeaseEvents,
  LeaseSession,
  LevelCounts,
  LockManagerLike,
  PluginHost,
  PluginSession,
  PluginStatus,
  PostTaskPriority,
  PostTaskScheduler,
  QueueStatus,
  RegistrySummary,
  RunContext,
  RunFunction,
  RunnerStatus,
  RunResult,
  RunSummary,
  Schedule,
  ScheduleContext,
  TaskEvent,
  TaskFacet,
  TaskOptions,
  TaskPlugin,
  TaskState,
  TaskStatus,
  VisibilitySource,
  WhenHidden,
} from './types.ts'
