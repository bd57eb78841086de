import { describeValue, InvalidOptionError, prefix } from './errors.ts'
import type { TaskLevel } from './levels.ts'
import type { PostTaskPriority, PostTaskScheduler } from './types.ts'

export type { PostTaskPriority, PostTaskScheduler } from './types.ts'

/** Every {@link PostTaskPriority}, for validation. */
export const POST_TASK_PRIORITIES: readonly PostTaskPriority[] = ['user-blocking', 'user-visible', 'background']


/** The level's default priority: `critical`/`high` → `user-visible`, `medium`/`low` → `background`. */
export function priorityForLevel(level: TaskLevel): PostTaskPriority {
  return level === 'critical' || level === 'high' ? 'user-visible' : 'background'
}

/**
 * The scheduler runs are posted to: the injected one, none for `null`, else
 * `globalThis.scheduler` when it has `postTask` — looked up at each call, so a
 * polyfill installed later is used and runtimes without it run directly.
 * The global one is used only with `useGlobal` (tasks on a real clock):
 * on a virtual clock, runs must start inside `advance()`, deterministically.
 */
export function resolveScheduler(option: PostTaskScheduler | null | undefined, useGlobal = true): PostTaskScheduler | undefined {
  if (option === null) return undefined
  if (option !== undefined) return option
  if (!useGlobal) return undefined
  const found = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler
  return typeof found?.postTask === 'function' ? (found as PostTaskScheduler) : undefined
}

/** Throws unless `priority` is a postTask priority and `scheduler` has `postTask` (or is null). */
export function validatePostTaskOptions(where: string, priority: unknown, scheduler: unknown): void {
  if (priority !== undefined && !(POST_TASK_PRIORITIES as readonly unknown[]).includes(priority)) {
    throw new InvalidOptionError(`${prefix(where)}postTaskPriority must be one of ${POST_TASK_PRIORITIES.map((p) => `'${p}'`).join(', ')}, got ${describeValue(priority)}`)
  }
  if (scheduler !== undefined && scheduler !== null && typeof (scheduler as { postTask?: unknown }).postTask !== 'function') {
    throw new InvalidOptionError(`${prefix(where)}scheduler must have postTask(callback, options), or be null, got ${describeValue(scheduler)}`)
  }
}
