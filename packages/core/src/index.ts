/**
 * tickwork: periodic background tasks for browsers, Web Workers, Deno, Bun,
 * Node and edge functions. This entry is the task API: tasks, the registry,
 * schedules, levels, the clock and the plugins. The trigger queue
 * (`/queue`), cached values and their stores (`/cache`), graceful shutdown
 * (`/shutdown`), tick mode, the bridge, test helpers and platform adapters
 * have their own subpaths, so an app bundles only what it imports.
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
