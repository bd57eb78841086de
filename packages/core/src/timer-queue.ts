import type { Clock, TimerHandle } from './clock.ts'
import { TimerHeap, type TimerEntry } from './timer-heap.ts'

/**
 * The longest single wait. Waking at least this often survives machine suspend
 * (timers pause while the clock moves on) and keeps every delay far below the
 * 2^31−1 ms limit where `setTimeout` fires at once.
 */
export const MAX_WAIT_MS = 30_000

/** Options of {@link TimerQueue.schedule}. */
export interface ScheduleTimerOptions {
  /** Order among entries due at the same moment: lower first. Default 0. */
  rank?: number
  /** When false, this entry alone does not keep a Node/Bun/Deno process alive. Default true. */
  keepAlive?: boolean
}

/**
 * All wake-ups on one clock share a single armed timer: a min-heap of
 * deadlines, armed for the earliest one. Callbacks never run before their
 * deadline: the timer is re-armed when a runtime wakes it early.
 */
export class TimerQueue {
  readonly #clock: Clock
  readonly #heap = new TimerHeap()
  #seq = 0
  #keepAliveCount = 0
  #handle: TimerHandle | undefined
  #armedFor = Infinity
  #armedRef = false
  #firing = false

  constructor(clock: Clock) {
    this.#clock = clock
  }

  /** Number of pending entries. */
  get size(): number {
    return this.#heap.size
  }

  /** Whether a clock timer is armed right now (at most one ever is). */
  get armed(): boolean {
    return this.#handle !== undefined
  }

  /** The clock this queue waits on. */
  get clock(): Clock {
    return this.#clock
  }

  /**
   * Runs `callback` at `deadline` (epoch ms) or later; returns a handle for
   * {@link cancel}. With `target`, the callback is called with `this` set to
   * it, so owners can share one method instead of a closure each.
   */
  schedule<T>(deadline: number, callback: (this: T) => void, options?: ScheduleTimerOptions, target?: T): TimerEntry {
    const entry: TimerEntry = {
      deadline,
      rank: options?.rank ?? 0,
      seq: this.#seq++,
      keepAlive: options?.keepAlive ?? true,
      callback: callback as (this: unknown) => void,
      target,
      index: -1,
    }
    this.#heap.push(entry)
    if (entry.keepAlive) this.#keepAliveCount++
    if (!this.#firing) this.#arm()
    return entry
  }

  /**
   * Puts `entry` (from {@link schedule}; pending, fired or cancelled) back in
   * the queue at a new `deadline` and `rank`, with the same callback. A loop
   * re-arming every run reuses its one entry instead of allocating a new one.
   */
  reschedule(entry: TimerEntry, deadline: number, rank: number): TimerEntry {
    if (this.#heap.remove(entry)) {
      if (entry.keepAlive) this.#keepAliveCount--
    }
    entry.deadline = deadline
    entry.rank = rank
    entry.seq = this.#seq++
    this.#heap.push(entry)
    if (entry.keepAlive) this.#keepAliveCount++
    if (!this.#firing) this.#arm()
    return entry
  }

  /** Whether `entry` is waiting in this queue (not fired, not cancelled). */
  isPending(entry: TimerEntry): boolean {
    return entry.index >= 0
  }

  /** Removes a pending entry; returns false when it already ran or was cancelled. */
  cancel(entry: TimerEntry): boolean {
    if (!this.#heap.remove(entry)) return false
    if (entry.keepAlive) this.#keepAliveCount--
    if (!this.#firing) this.#arm()
    return true
  }

  #arm(): void {
    const head = this.#heap.peek()
    const wantRef = this.#keepAliveCount > 0
    if (head === undefined) {
      this.#disarm()
      return
    }
    const now = this.#clock.now()
    // Never early: round the wait up, so a deadline at 10.4 ms is not woken at 10 ms.
    const wait = Math.min(Math.max(Math.ceil(head.deadline - now), 0), MAX_WAIT_MS)
    const wakeAt = now + wait
    if (this.#handle !== undefined && this.#armedFor <= wakeAt && this.#armedRef === wantRef) return
    this.#disarm()
    this.#armedFor = wakeAt
    this.#armedRef = wantRef
    this.#handle = this.#clock.setTimeout(this.#onTimer, wait)
    if (!wantRef) this.#clock.unref?.(this.#handle)
  }

  #disarm(): void {
    if (this.#handle === undefined) return
    this.#clock.clearTimeout(this.#handle)
    this.#handle = undefined
    this.#armedFor = Infinity
  }

  readonly #onTimer = (): void => {
    this.#handle = undefined
    this.#armedFor = Infinity
    this.#firing = true
    try {
      const now = this.#clock.now()
      for (let head = this.#heap.peek(); head !== undefined && head.deadline <= now; head = this.#heap.peek()) {
        this.#heap.remove(head)
        if (head.keepAlive) this.#keepAliveCount--
        try {
          head.callback.call(head.target)
        } catch (error) {
          // A callback must never break the queue; tickwork's own callbacks do not throw.
          queueMicrotask(() => {
            throw error
          })
        }
      }
    } finally {
      this.#firing = false
      this.#arm()
    }
  }
}

const queues = new WeakMap<Clock, TimerQueue>()

/** The one timer queue of `clock`, created on first use. */
export function timerQueueFor(clock: Clock): TimerQueue {
  let queue = queues.get(clock)
  if (queue === undefined) {
    queue = new TimerQueue(clock)
    queues.set(clock, queue)
  }
  return queue
}
