import type { KernelRegistry as TaskRegistry } from './registry.ts'
import type { TaskConfigView } from './task.ts'
import type { RunSummary, TaskStatus } from './types.ts'

/** The controls a devtools panel (or a bridge) may apply to a task. */
export type TaskAction = 'start' | 'stop' | 'pause' | 'resume' | 'trigger' | 'clearHistory'

/** Every {@link TaskAction}, for validation. */
export const TASK_ACTIONS: readonly TaskAction[] = ['start', 'stop', 'pause', 'resume', 'trigger', 'clearHistory']

/** Who runs a task that may run in one tab only. */
export type RunnerRole = 'this' | 'other' | 'local-only'

/** Everything a panel shows of one task, in plain serialisable values. */
export interface TaskView {
  status: TaskStatus
  history: readonly RunSummary[]
  config: TaskConfigView
  /** For single-runner tasks: whether this context runs it. Absent otherwise. */
  runner?: RunnerRole
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
  /** Applies a control to a task. Read-only sources ignore it. */
  control(name: string, action: TaskAction): void
  /** False for snapshots that cannot be controlled. Default true. */
  readonly controllable?: boolean
  /** Counters a remote source keeps (e.g. malformed messages ignored). */
  diagnostics?(): Record<string, number>
  /** Epoch ms "now" of the source's clock (a remote or virtual clock may differ from this page's). */
  now?(): number
}

/** Applies a {@link TaskAction} to a task of `registry`; unknown names are ignored. */
export function applyTaskAction(registry: TaskRegistry, name: string, action: TaskAction): void {
  const task = registry.get(name)
  if (task === undefined) return
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
}

/** The view of one registered task. */
export function taskView(registry: TaskRegistry, name: string): TaskView | undefined {
  const task = registry.get(name)
  if (task === undefined) return undefined
  const view: TaskView = { status: task.status(), history: task.history, config: task.config }
  const runner = (task as { runnerRole?: RunnerRole }).runnerRole
  if (runner !== undefined) view.runner = runner
  return view
}

/** A {@link RegistrySource} over a registry in this context. */
export function localSource(registry: TaskRegistry, label = 'this page'): RegistrySource {
  return {
    label,
    names: () => registry.list().map((task) => task.name),
    view: (name) => taskView(registry, name),
    subscribe: (listener) =>
      registry.subscribe((event) => {
        if (event.type === 'taskAdded') listener({ names: [event.task.name], structure: true })
        else if (event.type === 'taskRemoved') listener({ names: [event.name], structure: true })
        else listener({ names: [event.name], structure: false })
      }),
    control: (name, action) => applyTaskAction(registry, name, action),
    controllable: true,
    now: () => registry.clock.wallNow(),
  }
}
