import { useMemo, useSyncExternalStore } from 'react'
import { InvalidOptionError, isTask, type Task, type TaskRegistry, type TaskStatus } from '@tickwork/core'
import { describeValue } from '@tickwork/core/bridge'
import { statusEqual } from './equality.ts'
import { cachedStore, type CachedStore } from './external-store.ts'
import { resolveRegistry } from './resolve-registry.ts'

function storeForTask(task: Task): CachedStore<TaskStatus | null> {
  return cachedStore((onEvent) => task.subscribe(onEvent), () => task.status(), statusEqual)
}

function storeForName(name: string, registry: TaskRegistry): CachedStore<TaskStatus | null> {
  return cachedStore(
    (onEvent) =>
      registry.subscribe((event) => {
        // Additions and removals matter too: the name may come and go.
        const subject = event.type === 'taskAdded' ? event.task.name : event.name
        if (subject === name) onEvent()
      }),
    () => registry.get(name)?.status() ?? null,
    statusEqual,
  )
}

const noTask: CachedStore<null> = { subscribe: () => () => {}, getSnapshot: () => null }

/**
 * The live status of one task: a `Task`, or a name looked up in `registry`
 * (default: the default registry), or `undefined`. Returns null while there
 * is no such task. The component re-renders only when a field of the status
 * changed (one render per run, not one per event).
 *
 * @example
 * const status = useTaskStatus('heartbeat')
 * return <span>{status?.state ?? 'missing'} · {status?.totalRuns ?? 0} runs</span>
 */
export function useTaskStatus(task: Task | string | undefined, registry?: TaskRegistry): TaskStatus | null {
  if (task !== undefined && typeof task !== 'string' && !isTask(task)) {
    throw new InvalidOptionError(`[tickwork] useTaskStatus: needs a Task or a task name, got ${describeValue(task)}`)
  }
  const resolved = typeof task === 'string' ? resolveRegistry(registry, 'useTaskStatus') : undefined
  const store = useMemo(() => {
    if (task === undefined) return noTask
    return typeof task === 'string' ? storeForName(task, resolved as TaskRegistry) : storeForTask(task)
  }, [task, resolved])
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
}
