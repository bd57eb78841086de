import type { TimerEntry } from '../timer-heap.ts'
import type { TimerQueue } from '../timer-queue.ts'

/**
 * One wake-up, kept at the earliest deadline asked for: the staleness rule's
 * single timer for a whole queue. It never keeps a process alive.
 */
export class EarliestWake {
  readonly #timers: TimerQueue
  readonly #fire: () => void
  #entry: TimerEntry | undefined

  constructor(timers: TimerQueue, fire: () => void) {
    this.#timers = timers
    this.#fire = fire
  }

  /** Wakes at `deadline` (monotonic ms) unless already armed for earlier. */
  at(deadline: number): void {
    const entry = this.#entry
    if (entry !== undefined && this.#timers.isPending(entry) && entry.deadline <= deadline) return
    this.cancel()
    this.#entry = this.#timers.schedule(
      deadline,
      () => {
        this.#entry = undefined
        this.#fire()
      },
      { keepAlive: false },
    )
  }

  cancel(): void {
    if (this.#entry !== undefined) this.#timers.cancel(this.#entry)
    this.#entry = undefined
  }
}

/** Callers of `drain()` waiting for an answer, each with its own optional timeout. */
export class DrainWaiters {
  readonly #timers: TimerQueue
  #waiting: ((drained: boolean) => void)[] = []

  constructor(timers: TimerQueue) {
    this.#timers = timers
  }

  /** Resolves with what {@link answer} says, or false after `timeout` ms (no timer left either way). */
  wait(timeout: number | undefined): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const entry = timeout === undefined ? undefined : this.#timers.schedule(this.#timers.clock.now() + timeout, () => {
        this.#waiting = this.#waiting.filter((waiter) => waiter !== done)
        resolve(false)
      })
      const done = (drained: boolean): void => {
        if (entry !== undefined) this.#timers.cancel(entry)
        resolve(drained)
      }
      this.#waiting.push(done)
    })
  }

  /** Answers every waiting caller. */
  answer(drained: boolean): void {
    const waiting = this.#waiting
    this.#waiting = []
    for (const resolve of waiting) resolve(drained)
  }
}
