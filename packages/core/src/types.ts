// Public data types and the plugin seam. This file imports no runtime module
// and only leaves (clock, levels, logger, brand), so nothing here closes a cycle.
import type { LEASE_BRAND } from './brand.ts'
import type { Clock } from './clock.ts'
import type { TaskLevel } from './levels.ts'
import type { Logger } from './logger.ts'

/** What a schedule is told when asked for the next run time. */
export interface ScheduleContext {
  /**
   * Now in the schedule's time base: monotonic ms (`clock.now()`) for
   * ordinary schedules, epoch ms for wall-anchored ones (`anchor: 'wall'`).
   * It is the end of the previous run, or the first possible start.
   */
  readonly now: number
  /** Epoch ms now (for schedules that need the date, whatever their time base). */
  readonly wallNow: number
  /** The slot the previous scheduled run was due at (same time base as `now`); null before the first run. */
  readonly previousDueAt: number | null
  /** Runs so far since `start()`. */
  readonly runCount: number
  /** Failed runs in a row just before now. */
  readonly consecutiveFailures: number
  /** Report slots that were passed over (fixed-rate catch-up is never a burst). */
  skip(count: number): void
  /**
   * This task's own memory for this schedule: whatever `next()` stored here
   * last time for the same task (undefined at first). A schedule object is a
   * stateless description; keeping per-task state here lets one schedule
   * serve many tasks as if each had its own.
   */
  memo: unknown
}

/**
 * When a task runs next. Implement it to plug in your own policy.
 *
 * @example
 * const everyOtherSecond: Schedule = { interval: 2000, next: ({ now }) => now + 2000 }
 */
export interface Schedule {
  /**
   * When the next run is due, in the schedule's time base (see
   * {@link ScheduleContext.now}), or null for "no more runs". A `Date` is
   * taken as its epoch ms; `Infinity` means "only when triggered". Anything else (NaN, a string) ends the loop `failed`.
   */
  next(context: ScheduleContext): number | Date | null
  /** The nominal period in ms when there is one (shown in status and devtools); null otherwise. */
  readonly interval: number | null
  /** A short human description, e.g. `every 1000 ms`. */
  readonly description?: string
  /**
   * `'wall'` for schedules anchored to the calendar (cron): `next()` works in
   * epoch ms, and the plan is re-checked at every ≤ 30 s safety wake so a
   * wall-clock step re-plans it. Default: monotonic.
   */
  readonly anchor?: 'wall' | undefined
}

/** What a task does while its page is hidden. */
export type WhenHidden = 'run' | 'pause' | 'slow'

/**
 * Tells tasks whether their page is hidden. The default reads
 * `document.visibilityState`; inject one to test, or to follow another signal.
 */
export interface VisibilitySource {
  /** True while hidden. */
  isHidden(): boolean
  /** Calls `listener` on each change; returns the unsubscribe function. */
  subscribe(listener: (hidden: boolean) => void): () => void
}

/** The priorities of the Prioritized Task Scheduling API. */
export type PostTaskPriority = 'user-blocking' | 'user-visible' | 'background'

/** The part of `globalThis.scheduler` tickwork uses. */
export interface PostTaskScheduler {
  postTask(callback: () => void, options?: { priority?: PostTaskPriority }): Promise<unknown>
}

/** The part of the Web Locks API (`navigator.locks`) a single-runner task uses. */
export interface LockManagerLike {
  request(name: string, options: { mode?: 'exclusive' | 'shared'; signal?: AbortSignal }, callback: (lock: unknown) => unknown): Promise<unknown>
}

/** Where a task may run once: `'tabs'` (one tab or worker of the origin, Web Locks) or a {@link Lease} (a fleet). */
export type ExclusiveScope = 'tabs' | Lease

/** The part of a registry a task's options may name (kept structural so this file imports no class). */
export interface RegistryLike {
  readonly clock: Clock
  readonly plugins: readonly TaskPlugin[]
  register(task: never): unknown
}

/**
 * What a run receives. It describes the run while it is in flight: after the
 * run settles, the task may reuse the object for its next run, unless the run
 * read `signal` (a signal handed out stays the run's own). Copy the fields you
 * need later rather than keeping `ctx`.
 */
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
  /**
   * For `exclusive` tasks on a lease: the fencing token of the holding this
   * run started under (it increases strictly with every acquisition), so the
   * run's own writes can reject a stale holder. Undefined otherwise.
   */
  readonly fence: number | undefined
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

/**
 * The function a task runs on each tick. It may return (or resolve to)
 * nothing, a message string or a {@link RunResult}; any other value is
 * recorded as a success with the value described (so `() => fetch(url)` is fine).
 */
export type RunFunction = (ctx: RunContext) => unknown

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
  /** Epoch ms of the next scheduled run (converted from monotonic time when read), or null. */
  nextRunAt: number | null
  /** Why the loop ended: stop(), maxRuns, until, or an irrecoverable error. */
  stopReason?: string
  /** For `exclusive` tasks: who runs it (this context, another holder, a standby). */
  runner?: RunnerStatus
  /** For tasks standing for a queue or a cache. */
  facet?: FacetStatus
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
  registry?: RegistryLike
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
  /**
   * Plugins for this task when it is in no registry (a registered task uses
   * its registry's). Default: none for a bare `new Task()` of the kernel
   * entry; `createTask` and `PeriodicTask` of the main entry give the default plugins.
   */
  plugins?: readonly TaskPlugin[]
  /** What a task standing for a queue or a cache shows devtools: see {@link TaskFacet}. */
  facet?: TaskFacet
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
   * Checks this plugin's own task options (`whenHidden`, `exclusive`, …) when
   * a task is created with, or registered in, a registry that has the plugin.
   * Throws an `InvalidOptionError` quoting the bad value.
   */
  validate?(options: Readonly<TaskOptions>): void
  /**
   * Called at `start()`. Return a session to act on this task's loop, or
   * undefined when the plugin does not apply to it (e.g. no `exclusive`).
   */
  attach(host: PluginHost): PluginSession | undefined
  /** What `status()` shows for a task of this plugin before its first start (e.g. `runner: { role: 'other' }`). */
  idleStatus?(options: Readonly<TaskOptions>): Partial<PluginStatus> | undefined
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
  readonly trigger: 'schedule' | 'manual'
  /** Builds the full summary (allocates; call only when needed). */
  summary(): RunSummary
}

/**
 * Something that decides which one of many contexts (tabs, server instances)
 * runs an `exclusive` task: Web Locks across tabs, a Redis or PostgreSQL
 * lease across a fleet. `createTask({ exclusive: lease })`.
 *
 * The `exclusive` plugin opens one session per started task and lets a
 * scheduled run start only while the session holds the lease.
 */
export interface Lease {
  /** Brand, so leases from another copy of the package are recognised. */
  readonly [LEASE_BRAND]: true
  /** Names the engine in warnings and status (`'web-locks'`, `'redis'`, `'postgres'`). */
  readonly engine: string
  /** Starts competing for the lease named `key` (the task's name) until the session is closed. */
  open(key: string, events: LeaseEvents): LeaseSession
}

/** What a lease session reports to the task. */
export interface LeaseEvents {
  /** The holding or the known holder changed: the task re-reads `status`. */
  changed(): void
  /** This session held the lease and lost it (expiry, no renewal in time): the run in flight is aborted with `error`. */
  lost(error: Error): void
  readonly logger: Logger
  readonly clock: Clock
}

/** One task's competition for one lease. */
export interface LeaseSession {
  /** True while this context holds the lease (and its expiry has not passed). */
  readonly holding: boolean
  /** Fencing token of the current holding; strictly increases with every acquisition of the lease. */
  readonly fence: number | undefined
  /** Who runs, as `task.status().runner` shows it. */
  readonly status: RunnerStatus
  /** Stops competing and releases the lease at once if held, so a standby takes over without waiting for the TTL. */
  close(): Promise<void>
}
