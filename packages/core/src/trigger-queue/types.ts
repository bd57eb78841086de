import type { StopOptions, Task } from '../task.ts'
import type { TimerEntry } from '../timer-heap.ts'
import type { QueueStatus, RunResult, RunSummary, TaskFacet } from '../types.ts'

/** A facet: status, the actions devtools offer, and a way to hear that the status changed. */
export interface Facet extends TaskFacet {
  /** Called (with no payload) whenever `status()` may have changed; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
}

/** How one job ended. */
export interface JobResult {
  success: boolean
  durationMs: number
  message: string
  error?: RunSummary['error']
}

/** What a trigger queue knows about one key. */
export interface TriggerKeyState {
  /** Notifications since the key's last job started. */
  count: number
  /** Epoch ms the key's last job started, or null before its first job. */
  lastRunAt: number | null
  /** How the key's last job ended, or null before its first job ended. */
  lastResult: JobResult | null
  /** Queued and waiting for a free slot. */
  pending: boolean
  /** Its job is running now. */
  running: boolean
}

/** What a queue tells its listeners. Each is sent after the state it names is visible in `state(key)` and `status()`. */
export type QueueEvent<K extends string = string> =
  | { type: 'queued' | 'dropped' | 'jobStarted'; key: K }
  | { type: 'jobFinished'; key: K; result: JobResult }
  | { type: 'stateChanged'; state: QueueStatus['state'] }

/** Options of {@link TriggerQueue.drain}. */
export interface DrainOptions {
  /** Ms to wait; resolves false when the queue is not idle by then. Default: no limit. */
  timeout?: number
}

/** A keyed, de-duplicating, bounded job queue fired by thresholds. */
export interface TriggerQueue<K extends string = string> {
  /** The worker task, registered like any task: stopping it (or the registry's `stopAll()`) stops the queue. */
  readonly task: Task
  /** What devtools show of the queue and the controls they offer (also passed to the worker as its `facet`). */
  readonly facet: Facet
  /** Keys waiting, oldest first. */
  readonly pendingKeys: readonly K[]
  /** False while the queue is stopped. */
  readonly accepting: boolean
  /** Results of abandoned (timed-out) jobs that arrived later and were ignored. */
  readonly lateResults: number
  /** Counts a notification for `key` and queues it when a threshold is crossed. Synchronous; never blocks. Returns whether the key is now pending. */
  notify(key: K): boolean
  /** What the queue knows about `key`, or undefined for a key never notified. */
  state(key: K): TriggerKeyState | undefined
  /** Every key ever notified. */
  keys(): K[]
  /** The queue as devtools show it: idle / working / stopped, pending, running, dropped, last results. */
  status(): QueueStatus
  /** Listens to the queue's events; returns the unsubscribe function. */
  subscribe(listener: (event: QueueEvent<K>) => void): () => void
  /**
   * Resolves true once nothing is pending and no job runs; false on `timeout`,
   * or once the queue is stopped with keys left. It never hangs on a stopped queue.
   */
  drain(options?: DrainOptions): Promise<boolean>
  /** Stops the queue (its worker's loop): running jobs' signals abort and are awaited up to `timeout` ms (default 5000), then abandoned. Pending keys stay listed. */
  stop(options?: StopOptions): Promise<boolean>
}

/** What the queue keeps per key. */
export interface KeyRecord {
  count: number
  /** Monotonic ms the staleness rule counts from: the last job's start, before any job the first notification. */
  since: number
  lastRunAt: number | null
  lastResult: JobResult | null
  pending: boolean
  /** Epoch ms it was last queued. */
  queuedAt: number
  job: Job | undefined
  /** Refused by a full queue since its last notification: the staleness timer leaves it alone until notified again. */
  dropped: boolean
  failures: number
}

/** A job in flight. */
export interface Job {
  readonly key: string
  readonly record: KeyRecord
  readonly controller: AbortController
  readonly startedAt: number
  readonly startedWall: number
  readonly session: Session
  timer: TimerEntry | undefined
  /** Timed out or given up at stop(): no longer the queue's; its result is ignored. */
  abandoned: boolean
}

/** One run of the worker task: it starts jobs while keys wait and ends when the queue is idle. */
export interface Session {
  readonly signal: AbortSignal
  /** The worker run's fencing token (`exclusive` on a lease), passed on to its jobs. */
  readonly fence: number | undefined
  /** The worker run's index: its summary (`runFinished`) says when the session is recorded. */
  readonly runIndex: number
  readonly startedAt: number
  readonly keys: string[]
  failed: number
  /** No job starts in it any more; its result went to the worker. */
  closed: boolean
  /** The worker recorded its summary: a drain may resolve. */
  recorded: boolean
  resolve: (result: RunResult) => void
  onAbort: () => void
}
