import type { RegistrySource, TaskAction, TaskView } from '@tickwork/core/bridge'

// Derived from what `@tickwork/core` exports today, so the panel does not
// depend on the entry listing every facet type.

/** A task's facet status: a queue or a cache. */
export type FacetStatus = NonNullable<TaskView['facet']>
/** A trigger queue's status. */
export type QueueStatus = Extract<FacetStatus, { kind: 'queue' }>
/** A cached value's status. */
export type CacheStatus = Extract<FacetStatus, { kind: 'cache' }>
/** Whatever a source's `control()` accepts. */
export type SourceAction = Parameters<RegistrySource['control']>[1]
/** A control of a task's facet: `{ type: 'facet', action, arg? }`. */
export type FacetCommand = Exclude<SourceAction, TaskAction>
/** The facet actions: drain, stop, notify, clearDropped, refresh, invalidate. */
export type FacetAction = FacetCommand['action']

/** Every facet action, to check what a caller passes. */
export const FACET_ACTIONS: readonly FacetAction[] = ['drain', 'stop', 'notify', 'clearDropped', 'refresh', 'invalidate']

/** True for a well-formed {@link FacetCommand}. */
export function isFacetCommand(value: unknown): value is FacetCommand {
  if (value === null || typeof value !== 'object') return false
  const { type, action, arg } = value as Record<string, unknown>
  return type === 'facet' && FACET_ACTIONS.includes(action as FacetAction) && (arg === undefined || typeof arg === 'string')
}
