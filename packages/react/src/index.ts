'use client'
/**
 * React bindings for tickwork: a StrictMode-safe task lifecycle and live
 * status hooks on `useSyncExternalStore`.
 * @module
 */
export { useTask, type AdoptTaskOptions, type UseTaskOptions } from './use-task.ts'
export { useTaskStatus } from './use-task-status.ts'
export { useRegistrySummary, type RegistrySummaryOptions } from './use-registry-summary.ts'
export { registrySummaryEqual, statusEqual } from './equality.ts'
