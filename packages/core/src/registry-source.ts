import { taskPrefix } from './errors.ts'
import { subscribeWithFacets } from './facet-watch.ts'
import { consoleLogger, safeWarn } from './logger.ts'
import type { KernelRegistry as TaskRegistry } from './registry.ts'
import type { TaskConfigView } from './task.ts'
import type { FacetAction, FacetStatus, RunSummary, TaskFacet, TaskStatus } from './types.ts'

/** The controls a devtools panel (or a bridge) may apply to a task. */
export type TaskAction = 'start' | 'stop' | 'pause' | 'resume' | 'trigger' | 'clearHistory'

/** Every {@link TaskAction}, for validation. */
export const TASK_ACTIONS: readonly TaskAction[] = ['start', 'stop', 'pause', 'resume', 'trigger', 'clearHistory']

/** Every {@link FacetAction}, for validation. */
export const FACET_ACTIONS: readonly FacetAction[] = ['drain', 'stop', 'notify', 'clearDropped', 'refresh', 'invalidate']

/** A control of a task's facet (its queue or cache), applied through `task.facet.act(action, arg)`. */
export interface FacetCommand {
  type: 'facet'
  action: FacetAction
  /** E.g. the key for `notify`. */
  arg?: string
}

/** What {@link RegistrySource.control} accepts: a task control, or a facet command. */
export type SourceAction = TaskAction | FacetCommand

/** Who runs a task that may run in one tab only. */
export type RunnerRole = 'this' | 'other' | 'local-only'

/** Everything a panel shows of one task, in plain serialisable values. */
export interface TaskView {
  status: TaskStatus
  history: readonly RunSummary[]
  config: TaskConfigView
  /** For single-runner tasks: whether this context runs it. Absent otherwise. */
  runner?: RunnerRole
  /** For tasks that stand for a queue or a cache: what it holds now (`task.facet.status()`). Absent otherwise. */
  facet?: FacetStatus
}

/** What changed since the last notification. */
export interface SourceChange {
  /** Tasks whose view changed (re-read them with `view(name)`). */
  names: readonly string[]
  /** Tasks were added or removed (re-read `names()`). */
  structure: boolean
}

/**
 * A registry as a panel sees it: a local one, one in a Web Worker or another
 * tab (over the bridge), or a snapshot read back from a tick store. Devtools
 * read only through this interface, so all of them look alike.
 */
export interface RegistrySource {
  /** Shown in the panel's source switcher, e.g. `this page`, `worker "sync"`. */
  readonly label: string
  /** Task names in registration order. */
  names(): readonly string[]
  /** The current view of one task. */
  view(name: string): TaskView | undefined
  /** Listens for changes; returns the unsubscribe function. */
  subscribe(listener: (change: SourceChange) => void): () => void
  /** Applies a control to a task (or, as a {@link FacetCommand}, to its facet). Read-only sources ignore it. */
  control(name: string, action: SourceAction): void
  /** False for snapshots that cannot be controlled. Default true. */
  readonly controllable?: boolean
  /** Counters a remote source keeps (e.g. malformed messages ignored). */
  diagnostics?(): Record<string, number>
  /** Epoch ms "now" of the source's clock (a remote or virtual clock may differ from this page's). */
  now?(): number
}

/** The facet of a task, when it has one: read structurally, as a task from another copy of the package may carry it. */
export function facetOf(task: unknown): TaskFacet | undefined {
  const facet = (task as { facet?: unknown } | undefined)?.facet
  if (facet === null || typeof facet !== 'object') return undefined
  const candidate = facet as Partial<TaskFacet>
  return typeof candidate.status === 'function' && typeof candidate.act === 'function' ? (facet as TaskFacet) : undefined
}

/**
 * Applies a {@link SourceAction} to a task of `registry`; unknown names, and
 * facet commands for tasks without a facet, are ignored. For a facet command
 * it returns the promise of `task.facet.act()`, so the caller can look again
 * when it settles (its outcome shows in the facet's status, e.g. `lastError`).
 */
export function applyTaskAction(registry: TaskRegistry, name: string, action: SourceAction): Promise<unknown> | undefined {
  const task = registry.get(name)
  if (task === undefined) return undefined
  if (typeof action === 'object') {
    const facet = facetOf(task)
    if (facet === undefined || action.type !== 'facet') return undefined
    try {
      return Promise.resolve(facet.act(action.action, action.arg))
    } catch (error) {
      return Promise.reject(error)
    }
  }
  switch (action) {
    case 'start':
      task.start()
      break
    case 'stop':
      void task.stop()
      break
    case 'pause':
      task.pause()
      break
    case 'resume':
      task.resume()
      break
    case 'trigger':
      task.trigger()
      break
    case 'clearHistory':
      task.clearHistory()
      break
  }
  return undefined
}

/** The view of one registered task. */
export function taskView(registry: TaskRegistry, name: string): TaskView | undefined {
  const task = registry.get(name)
  if (task === undefined) return undefined
  const view: TaskView = { status: task.status(), history: task.history, config: task.config }
  const runner = (task as { runnerRole?: RunnerRole }).runnerRole
  if (runner !== undefined) view.runner = runner
  // The kernel puts the facet's status in status(); a task from elsewhere may only carry the facet.
  const facet = view.status.facet ?? facetOf(task)?.status()
  if (facet !== undefined) view.facet = facet
  return view
}

/** A {@link RegistrySource} over a registry in this context. */
export function localSource(registry: TaskRegistry, label = 'this page'): RegistrySource {
  const listeners = new Set<(change: SourceChange) => void>()
  // A facet action settles later (a drain, a refresh): its task is looked at again then.
  const settled = (name: string): void => {
    for (const listener of [...listeners]) {
      try {
        listener({ names: [name], structure: false })
      } catch (error) {
        safeWarn(consoleLogger, `${taskPrefix(name)}a source listener threw`, error)
      }
    }
  }
  return {
    label,
    names: () => registry.list().map((task) => task.name),
    view: (name) => taskView(registry, name),
    subscribe: (listener) => {
      listeners.add(listener)
      const unsubscribe = subscribeWithFacets(registry, (event) => {
        if (event.type === 'taskAdded') listener({ names: [event.task.name], structure: true })
        else if (event.type === 'taskRemoved') listener({ names: [event.name], structure: true })
        else listener({ names: [event.name], structure: false })
      })
      return () => {
        listeners.delete(listener)
        unsubscribe()
      }
    },
    control: (name, action) => {
      const acting = applyTaskAction(registry, name, action)
      acting?.then(
        () => settled(name),
        (error: unknown) => {
          safeWarn(consoleLogger, `${taskPrefix(name)}facet action "${typeof action === 'object' ? action.action : action}" failed`, error)
          settled(name)
        },
      )
    },
    controllable: true,
    now: () => registry.clock.wallNow(),
  }
}
