import type { Clock } from './clock.ts'
import type { ExclusiveScope, LockManagerLike } from './exclusive.ts'
import type { TaskLevel } from './levels.ts'
import type { Logger } from './logger.ts'
import type { PostTaskPriority, PostTaskScheduler } from './post-task.ts'
import type { VisibilitySource, WhenHidden } from './visibility.ts'
import type { Schedule } from './schedule.ts'
import type { TaskRegistry } from './registry.ts'

/** What a run receives. */
export interface RunContext {
  /** Aborts when the task is stopped (reason: `TaskStoppedError`) or the run exceeds `timeout` (reason: `TimeoutError`). */
  readonly signal: AbortSignal
  /** The task's name. */
  readonly name: string
  /** 0 for the task's first run, counting every run (scheduled and manual). */
  readonly runIndex: number
  /** Epoch ms the run was due at (for a manual run: when it was asked for). */
  readonly scheduledAt: number
  /** 1, or 1 + the number of failures in a row just before this run. */
  readonly attempt: number
}

/** What a run may return (or resolve to). Returning nothing means success. */
export interface RunResult {
  /** Default true. False records a failed run without throwing. */
  success?: boolean
  /** A one-line outcome shown in histories. */
  message?: string
  /** Small key/value details; values are stored as strings. */
  extra?: Record<string, unknown>
}

/** The function a task runs on each tick. */
export type RunFunction = (ctx: RunContext) => void | RunResult | string | Promise<void | RunResult | string>

/** The record kept of one run. */
export interface RunSummary {
  /** Epoch ms the run started. */
  timestamp: number
  durationMs: number
  success: boolean
  message: string
  extra: Record<string, string>
  runIndex: number
  /** How long after its due time the run started, in ms (≥ 0). */
  lateMs: number
  trigger: 'schedule' | 'manual'
  error?: { name: string; message: string; stack?: string }
}

/** The states of a task. */
export type TaskState = 'idle' | 'scheduled' | 'running' | 'paused' | 'stopped' | 'completed' | 'failed'

/** A snapshot of one task. */
export interface TaskStatus {
  name: string
  level: TaskLevel
  /** The fixed interval in ms, or null for schedules without one (cron). */
  interval: number | null
  state: TaskState
  /** The loop is live: scheduled, running or paused. */
  isRunning: boolean
  /** Live and not stalled (no run far past its expected end). */
  isActive: boolean
  totalRuns: number
  failedRuns: number
  /** Share of successful runs in [0, 1]; null before the first run. */
  successRate: number | null
  /** Slots a fixed-rate schedule skipped because a run was late. */
  skippedRuns: number
  lastSummary: RunSummary | null
  /** Epoch ms of the next scheduled run, or null. */
  nextRunAt: number | null
  /** Why the loop ended: stop(), maxRuns, until, or an irrecoverable error. */
  stopReason?: string
}

/** Options of a task. Only `name` and `run` (or `execute` in a subclass) are required. */
export interface TaskOptions {
  /** Unique within its registry. */
  name: string
  /** Ms between the end of one run and the start of the next (fixed delay). Required unless `schedule` is given. */
  interval?: number
  /** A schedule instead of `interval`: `fixedDelay`, `fixedRate`, `cron`, or your own. */
  schedule?: Schedule
  /** The work. */
  run: RunFunction
  /** Default `'medium'`. */
  level?: TaskLevel
  /** Ms to wait after `start()` before the first run. Default 0. */
  initialDelay?: number
  /** Per-run time limit in ms; the run's signal aborts with a `TimeoutError` and it is recorded as failed. Default: none. */
  timeout?: number
  /** End the loop (`state: 'completed'`) after this many runs since `start()`. */
  maxRuns?: number
  /** End the loop (`state: 'completed'`) at this epoch ms; no run starts after it. */
  until?: number
  /** Summaries kept in `history`. Default 50. */
  historySize?: number
  /** Register in the default registry (or `registry`). Default true. */
  autoRegister?: boolean
  /** Registry to register in instead of the default one. */
  registry?: TaskRegistry
  /** Clock for every wait. Default: the registry's clock, else the system clock. */
  clock?: Clock
  /** When false, this task's timers do not keep a Node/Bun/Deno process alive. Default true. */
  keepAlive?: boolean
  /** Called with each failed run's error (or a `RunResult` with `success: false`). Default: `logger.warn`. */
  onError?: (error: unknown, summary: RunSummary) => void
  /** Where warnings go. Default: `console` with a `[tickwork]` prefix. */
  logger?: Logger
  /**
   * `'tabs'`: scheduled runs happen in one tab (or worker) of the origin at a
   * time, through the Web Lock `tickwork:task:<name>`; the others keep the
   * rhythm and skip, and one takes over within an interval when the runner
   * stops or closes. Without Web Locks it runs here and `runnerRole` says
   * `'local-only'`. Manual `trigger()` runs wherever it is called. Default: none.
   */
  exclusive?: ExclusiveScope
  /** The lock manager for `exclusive`. Default: `navigator.locks`, looked up at `start()`. */
  locks?: LockManagerLike
  /**
   * While the page is hidden: `'run'` as usual, `'pause'` (due runs wait; one
   * overdue run happens on becoming visible) or `'slow'` (waits ×4; an overdue
   * run happens on becoming visible). Default by level: `low` pauses, `medium`
   * slows, `high`/`critical` run.
   */
  whenHidden?: WhenHidden
  /** Where visibility comes from. Default: `document` where it exists (looked up at `start()`); `null` for none. */
  visibility?: VisibilitySource | null
  /** `scheduler.postTask` priority of scheduled runs. Default by level: `critical`/`high` → `'user-visible'`, else `'background'`. */
  postTaskPriority?: PostTaskPriority
  /** Where scheduled runs are posted. Default: `globalThis.scheduler` when it has `postTask` (looked up at each run); `null` runs directly. */
  scheduler?: PostTaskScheduler | null
}

/** Events a task (and, for all its tasks, a registry) sends. */
export type TaskEvent =
  | { type: 'runStarted'; name: string; runIndex: number }
  | { type: 'runFinished'; name: string; summary: RunSummary }
  | { type: 'stateChanged'; name: string; state: TaskState }

/** Counts of one level in a {@link RegistrySummary}. */
export interface LevelCounts {
  total: number
  running: number
  active: number
}

/** A snapshot of a registry. */
export interface RegistrySummary {
  totalCount: number
  runningCount: number
  activeCount: number
  byLevel: Record<TaskLevel, LevelCounts>
  tasks: TaskStatus[]
}

/**
 * What a task that stands for something bigger (a trigger queue's worker, a
 * cached value's refresher) shows of it: `status().facet`, and the controls
 * devtools offer for it (`task.facet.act(action, arg)`), locally and over the
 * bridge. Set through the task option `facet`.
 */
export interface TaskFacet {
  /** Plain data, safe to post over the bridge. */
  status(): FacetStatus
  /** The actions `act` accepts, in the order devtools show them. */
  readonly actions: readonly FacetAction[]
  /** Runs one action; `arg` is e.g. the key for `notify`. Rejects with a named error on unknown actions. */
  act(action: FacetAction, arg?: string): Promise<unknown>
}

/** Controls a facet may offer. */
export type FacetAction = 'drain' | 'stop' | 'notify' | 'clearDropped' | 'refresh' | 'invalidate'

/** A facet's status: a queue or a cache. */
export type FacetStatus = QueueStatus | CacheStatus

/** A trigger queue, as `status().facet` shows it. Times are epoch ms. */
export interface QueueStatus {
  kind: 'queue'
  state: 'idle' | 'working' | 'stopped'
  /** Keys waiting to run, oldest first. */
  pending: { key: string; count: number; since: number }[]
  /** Keys whose job is in flight. */
  running: { key: string; startedAt: number }[]
  /** Keys dropped because the queue was full: the total, and the most recent ones. */
  droppedCount: number
  dropped: { key: string; at: number }[]
  /** The last result per key, most recent first (bounded). */
  results: { key: string; success: boolean; message: string; durationMs: number; at: number }[]
  concurrency: number
  maxSize: number
}

/** A cached value, as `status().facet` shows it. Times are epoch ms. */
export interface CacheStatus {
  kind: 'cache'
  hasValue: boolean
  /** When the held value was produced, or null. */
  updatedAt: number | null
  /** When it stops being fresh, or null. */
  expiresAt: number | null
  refreshing: boolean
  /** Source failures so far, and the last one. */
  errorCount: number
  lastError: { name: string; message: string; at: number } | null
}
