import type { Clock } from './clock.ts'
import type { TaskLevel } from './levels.ts'
import type { Logger } from './logger.ts'
import type { RunSummary, TaskOptions } from './types.ts'

/**
 * The one seam between the kernel (a task's loop) and every feature that acts
 * on it: page visibility, `scheduler.postTask` priorities, one runner across
 * tabs or a fleet (`exclusive`), run history.
 *
 * A registry holds a list of plugins (`new TaskRegistry({ plugins })`). At
 * each `start()` the task asks every plugin to {@link TaskPlugin.attach};
 * a plugin that applies returns a {@link PluginSession}, which lives until
 * the loop ends (`detach`). The kernel calls the session's hooks, in plugin
 * order, at fixed points of the loop and never knows what a plugin is.
 */
export interface TaskPlugin {
  /** Names the plugin in warnings. */
  readonly name: string
  /**
   * Called at `start()`. Return a session to act on this task's loop, or
   * undefined when the plugin does not apply to it (e.g. no `exclusive`).
   */
  attach(host: PluginHost): PluginSession | undefined
}

/** What the loop is asked when a run falls due. */
export type Admission = 'run' | 'skip' | 'hold'

/** One plugin's hooks on one task's loop, from `start()` until the loop ends. */
export interface PluginSession {
  /** The loop ended (stop, completed, failed). Release what was taken at attach. */
  detach?(): void
  /**
   * A scheduled run is due at `dueAt` (monotonic ms). `'run'` lets it start;
   * `'skip'` keeps the rhythm (the slot passes, the next one is planned);
   * `'hold'` keeps the run for later: the plugin calls `host.release()` when
   * it may go. Manual `trigger()` runs are not asked.
   */
  admit?(dueAt: number): Admission
  /** May move a planned deadline later (monotonic ms in, monotonic ms out; never earlier than `dueAt`). */
  stretch?(now: number, dueAt: number): number
  /**
   * Starts a scheduled run some other way (e.g. through `scheduler.postTask`).
   * Return true when it took the start: it then calls `start()` exactly once,
   * or `host.release()` to fall back to a plain start. `start()` is a no-op
   * once the run was cancelled (stop, pause, trigger).
   */
  dispatch?(start: () => void): boolean
  /** A run finished (read the fields now: the object is reused for the next run). */
  observe?(run: FinishedRun): void
  /** A fencing token given to runs as `ctx.fence` while this session holds a lease. */
  readonly fence?: number | undefined
  /** Fields this plugin adds to `task.status()` (e.g. `runner`). */
  status?(): Partial<PluginStatus>
}

/** What a plugin may contribute to a task's status. */
export interface PluginStatus {
  /** For `exclusive` tasks: whether this process (tab, instance) runs it. */
  runner: RunnerStatus
}

/** Who runs an `exclusive` task. */
export interface RunnerStatus {
  /** `'this'` holds the lease and runs here; `'other'` means another holder does; `'standby'` waits with no known holder; `'local-only'` has no coordination available. */
  role: 'this' | 'other' | 'standby' | 'local-only'
  /** This process's holder id (e.g. `host:pid`), where the lease has one. */
  self?: string
  /** The current holder's id, when known. */
  holder?: string
  /** The fencing token of the current holding, when known. */
  fence?: number
}

/** What the kernel gives a plugin session to act with. */
export interface PluginHost {
  readonly name: string
  readonly level: TaskLevel
  /** The options the task was created with (read-only; plugins read their own option from it). */
  readonly options: Readonly<TaskOptions>
  readonly clock: Clock
  readonly logger: Logger
  /** Milliseconds of the current interval, or null (cron). */
  readonly interval: number | null
  /** A held (or dispatched) run may go now: the kernel starts it, or plans the next slot if it is no longer due. */
  release(): void
  /** Aborts the run in flight (if any) with `reason`, e.g. a `LeaseLostError`. */
  abortRun(reason: Error): void
  /** Something `status()` shows changed: the task emits `stateChanged`. */
  changed(): void
}

/**
 * A finished run as plugins see it: one object per task, overwritten by the
 * next run, so nothing is allocated per run. Copy what you keep.
 */
export interface FinishedRun {
  readonly runIndex: number
  /** Epoch ms the run started. */
  readonly timestamp: number
  readonly durationMs: number
  readonly lateMs: number
  readonly success: boolean
  readonly message: string
  readonly trigger: RunSummary['trigger']
  /** Builds the full summary (allocates; call only when needed). */
  summary(): RunSummary
}
