import type { KernelRegistry as TaskRegistry, RegistryEvent } from './registry.ts'
import type { TaskFacet } from './types.ts'

/** A facet that also says when its status changes: queues and caches change between runs (a `notify(key)`, an `invalidate()`). */
export interface WatchableFacet extends TaskFacet {
  /** Listens for status changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
}

/** What {@link subscribeWithFacets} reports: the registry's events, plus a facet's own changes. */
export type WatchedEvent = RegistryEvent | { type: 'facetChanged'; name: string }

function watchable(task: unknown): WatchableFacet | undefined {
  const facet = (task as { facet?: unknown } | undefined)?.facet
  if (facet === null || typeof facet !== 'object') return undefined
  return typeof (facet as Partial<WatchableFacet>).subscribe === 'function' ? (facet as WatchableFacet) : undefined
}

/**
 * `registry.subscribe(listener)`, plus a `facetChanged` event whenever the
 * facet of one of its tasks reports a change through an optional
 * `subscribe(listener)`. Facets without one are seen at their task's events.
 * Returns the function that stops every subscription it made.
 */
export function subscribeWithFacets(registry: TaskRegistry, listener: (event: WatchedEvent) => void): () => void {
  const facets = new Map<string, () => void>()
  const watch = (task: { name: string }): void => {
    const facet = watchable(task)
    if (facet === undefined || facets.has(task.name)) return
    const name = task.name
    facets.set(name, facet.subscribe(() => listener({ type: 'facetChanged', name })))
  }
  const unwatch = (name: string): void => {
    facets.get(name)?.()
    facets.delete(name)
  }
  const unsubscribe = registry.subscribe((event) => {
    if (event.type === 'taskAdded') watch(event.task)
    else if (event.type === 'taskRemoved') unwatch(event.name)
    listener(event)
  })
  for (const task of registry.list()) watch(task)
  return () => {
    unsubscribe()
    for (const name of [...facets.keys()]) unwatch(name)
  }
}
