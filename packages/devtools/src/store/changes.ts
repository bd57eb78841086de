import type { SourceState } from './source-store.ts'

/** The part of a {@link SourceState} that memoised selectors read. */
export type TasksSnapshot = Pick<SourceState, 'tasks' | 'order' | 'flushes' | 'changed'>

/**
 * The names a selector must look at again, given the flush it saw last: the
 * last flush's `changed` names when it saw the flush just before (the usual
 * case, a handful of names), else every name in `order`.
 */
export function namesToRecheck(state: TasksSnapshot, seenFlushes: number | undefined, seenOrder: readonly string[] | undefined): readonly string[] {
  if (state.changed !== null && seenFlushes !== undefined && state.flushes === seenFlushes + 1 && state.order === seenOrder) return state.changed
  return state.order
}
