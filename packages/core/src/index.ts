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
