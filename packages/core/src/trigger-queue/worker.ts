import type { Schedule } from '../schedule.ts'
import { Task, type StopOptions } from '../task.ts'
import type { TaskOptions } from '../types.ts'

/**
 * How long an idle worker's loop waits when nothing is pending. The loop stays
 * live (so Start, Stop and the registry's stopAll() mean what they say), and
 * work never waits for this: the queue starts a run as soon as a key is
 * queued. ~24.8 days, the longest single `setTimeout`.
 */
const IDLE_WAIT_MS = 2 ** 31 - 1

/** What the worker asks of its queue. */
export interface WorkerHooks {
  /** A key can start now (the schedule runs at once while this holds). */
  hasWork(): boolean
  /** "Run now": queue every key with changes, whatever the thresholds. */
  flush(): void
  /** stop() resolved: `settled` is false when jobs ignored their signal past its timeout. */
  stopped(settled: boolean): void
}

/** The worker's schedule: due at once while work is waiting, else idle. */
export function onDemand(hooks: WorkerHooks, description: string): Schedule {
  return {
    interval: null,
    description,
    next: ({ now }) => (hooks.hasWork() ? now : now + IDLE_WAIT_MS),
  }
}

/**
 * The task a trigger queue runs its jobs on. Each run is one working session:
 * it starts jobs while keys are pending and ends when the queue is idle, so
 * `stop()` (and a registry's `stopAll()`) aborts and awaits every job in
 * flight. "Run now" queues the keys with changes and starts a session; with
 * nothing changed it does nothing, and records nothing.
 */
export class QueueWorker extends Task {
  readonly #hooks: WorkerHooks

  constructor(options: TaskOptions, hooks: WorkerHooks) {
    super(options)
    this.#hooks = hooks
  }

  /** Queues every key with changes (thresholds aside) and works through them; a no-op when there are none. */
  override trigger(): void {
    this.#hooks.flush()
  }

  /** Starts a session at once (the queue calls it when a key is queued and no session runs). */
  work(): void {
    super.trigger()
  }

  /** Stops the loop; jobs still running when `timeout` passes are abandoned (their late results ignored). */
  override async stop(options: StopOptions = {}): Promise<boolean> {
    const settled = await super.stop(options)
    this.#hooks.stopped(settled)
    return settled
  }
}
