import type { Schedule } from '../schedule.ts'
import { Task, type StopOptions } from '../task.ts'
import type { TaskOptions } from '../types.ts'

/** What the worker asks of its queue. */
export interface WorkerHooks {
  /** A key can start now (the schedule runs at once while this holds). */
  hasWork(): boolean
  /** "Run now": queue every key with changes, whatever the thresholds. */
  flush(): void
  /** stop() resolved: `settled` is false when jobs ignored their signal past its timeout. */
  stopped(settled: boolean): void
}

/**
 * The worker's schedule: due at once while work is waiting, else `Infinity`:
 * the loop stays live (so Start, Stop and the registry's stopAll() mean what
 * they say) with nothing armed and no next run, until the queue triggers it.
 */
export function onDemand(hooks: WorkerHooks, description: string): Schedule {
  return {
    interval: null,
    description,
    next: ({ now }) => (hooks.hasWork() ? now : Number.POSITIVE_INFINITY),
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
