/**
 * tickwork: periodic background tasks for browsers, Web Workers, Deno, Bun,
 * Node and edge functions.
 * @module
 */
export { systemClock, type Clock, type TimerHandle } from './clock.ts'
export { createTask } from './create-task.ts'
export { getDefaultRegistry } from './default-registry.ts'
export {
  DuplicateTaskError,
  InvalidOptionError,
  IrrecoverableError,
  TaskStoppedError,
  TickworkError,
  TimeoutError,
} from './errors.ts'
export { LEVELS, TaskLevel } from './levels.ts'
export { consoleLogger, type Logger } from './logger.ts'
export { PeriodicTask, type PeriodicTaskOptions } from './periodic-task.ts'
export { TaskRegistry, type RegistryEvent, type RegistryOptions } from './registry.ts'
export { fixedDelay, fixedRate, type Schedule, type ScheduleContext } from './schedule.ts'
export { sleep, type SleepOptions } from './sleep.ts'
export { Task, type StopOptions, type TaskUpdate } from './task.ts'
export { MAX_WAIT_MS, TimerQueue, timerQueueFor, type ScheduleTimerOptions } from './timer-queue.ts'
export type { TimerEntry } from './timer-heap.ts'
export type {
  LevelCounts,
  RegistrySummary,
  RunContext,
  RunFunction,
  RunResult,
  RunSummary,
  TaskEvent,
  TaskOptions,
  TaskState,
  TaskStatus,
} from './types.ts'
export {
  applyTaskAction,
  localSource,
  taskView,
  TASK_ACTIONS,
  type RegistrySource,
  type RunnerRole,
  type SourceChange,
  type TaskAction,
  type TaskView,
} from './registry-source.ts'
export type { TaskConfigView } from './task.ts'
export { describeValue } from './errors.ts'
export {
  BRIDGE_PROTOCOL,
  BRIDGE_VERSION,
  bridgeMessage,
  exposeRegistry,
  isBridgePort,
  parseClientMessage,
  parseServerMessage,
  type BridgePort,
  type ClientMessage,
  type ExposeOptions,
  type ParsedBridgeMessage,
  type RegistryExposure,
  type ServerMessage,
} from './bridge/index.ts'
export { jitter, type JitterOptions } from './jitter.ts'
export { backoff, type BackoffOptions } from './backoff.ts'
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
export { memoryTickStore, type MemoryTickStore } from './tick/memory-store.ts'
export { canonicalJson, mutate, sameStoredValue, type Mutation, type TickStore } from './tick/store.ts'
export type { RegistryRecord, TaskRecord } from './tick/record.ts'
export type { ShedTask, TickOptions, TickReport, TickRun } from './tick/run-due.ts'
export { snapshotSource, type SnapshotSource, type SnapshotSourceOptions } from './tick/snapshot-source.ts'
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
export { lockNameFor, type ExclusiveScope, type LockManagerLike } from './exclusive.ts'
export { installShutdown, shutdown, type HookOutcome, type ShutdownContext, type ShutdownHook, type ShutdownOptions, type ShutdownReport, type UninstallShutdown } from './shutdown.ts'
export { detectShutdownHost, type DenoLike, type ProcessLike, type ShutdownHost, type WindowLike } from './platform.ts'
export {
  defaultWhenHidden,
  documentVisibility,
  HIDDEN_SLOW_FACTOR,
  manualVisibility,
  WHEN_HIDDEN,
  type ManualVisibility,
  type VisibilitySource,
  type WhenHidden,
} from './visibility.ts'
export { POST_TASK_PRIORITIES, priorityForLevel, type PostTaskPriority, type PostTaskScheduler } from './post-task.ts'
