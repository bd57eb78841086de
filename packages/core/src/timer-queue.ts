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
  #hopping = false
  /** Reused for every wake: the entries due at one clock reading. */
  readonly #due: TimerEntry[] = []
  /** The wake's clock reading, and its wall minus monotonic offset (NaN until asked). */
  #wakeNow = 0
  #wakeOffset = NaN
  #shownOffset = NaN
  /** Inside {@link batch}: its one clock reading (NaN outside), and how many entries it cancelled (still in the heap until it ends). */
  #batchNow = Number.NaN
  #batchCancelled = 0

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
   * Runs `callback` at `deadline` (monotonic ms, `clock.now()`) or later; returns a handle for
   * {@link cancel}. With `target`, the callback is called with `this` set to
   * it, so owners can share one method instead of a closure each.
   */
  schedule<T>(deadline: number, callback: (this: T) => void, options?: ScheduleTimerOptions, target?: T): TimerEntry {
    const entry = new CallbackEntry(options?.keepAlive ?? true, callback as (this: unknown) => void, target)
    return this.reschedule(entry, deadline, options?.rank ?? 0)
  }

  /**
   * Puts `entry` (pending, fired, cancelled or new) in the queue at a new
   * `deadline` and `rank`. A task's loop is its own entry and comes back
   * through here every run: nothing is allocated to re-arm it.
   */
  reschedule(entry: TimerEntry, deadline: number, rank: number): TimerEntry {
    // Cancelled in this batch but still in the heap: it comes back, so it is removed the ordinary way below.
    if (entry.seq === CANCELLED && this.#heap.has(entry)) {
      this.#batchCancelled--
      if (entry.keepAlive) this.#keepAliveCount++
    }
    if (this.#heap.remove(entry)) {
      if (entry.keepAlive) this.#keepAliveCount--
    }
    entry.deadline = deadline
    entry.rank = rank
    entry.seq = this.#seq++
    this.#heap.push(entry)
    if (entry.keepAlive) this.#keepAliveCount++
    this.#rearm()
    return entry
  }

  /**
   * Wall minus monotonic time for display (`nextRunAt`), shared by every task
   * on this clock. It is kept while it holds within 1 ms, so two reads give
   * the same value (React compares snapshots), and a wall step shows at once.
   */
  shownOffset(): number {
    const offset = this.#clock.wallNow() - this.#clock.now()
    if (!(Math.abs(offset - this.#shownOffset) < 1)) this.#shownOffset = offset
    return this.#shownOffset
  }

  /**
   * Epoch ms of monotonic time `at`. During a wake the wall clock is read once
   * (on first use) for every entry due in it; outside a wake, freshly.
   */
  wallOf(at: number): number {
    if (!this.#firing && Number.isNaN(this.#batchNow)) return this.#clock.wallNow() + (at - this.#clock.now())
    if (Number.isNaN(this.#wakeOffset)) this.#wakeOffset = this.#clock.wallNow() - (this.#firing ? this.#wakeNow : this.#batchNow)
    return at + this.#wakeOffset
  }

  /** Whether `entry` is waiting in this queue (not fired, not cancelled). */
  isPending(entry: TimerEntry): boolean {
    if (entry.index === FIRING) return true
    return entry.index >= 0 && entry.seq !== CANCELLED
  }

  /** Removes a pending entry; returns false when it already ran or was cancelled. */
  cancel(entry: TimerEntry): boolean {
    if (entry.index === FIRING) {
      entry.index = -1
      return true
    }
    if (!Number.isNaN(this.#batchNow)) {
      // Inside batch(): marked now, out of the heap with the others in one pass at the end.
      if (!this.#heap.has(entry) || entry.seq === CANCELLED) return false
      entry.seq = CANCELLED
      this.#batchCancelled++
    } else if (!this.#heap.remove(entry)) return false
    if (entry.keepAlive) this.#keepAliveCount--
    this.#rearm()
    return true
  }

  /**
   * Monotonic ms: inside {@link batch}, the batch's one reading (every task
   * started or stopped by it shares it); otherwise a fresh one.
   */
  now(): number {
    return Number.isNaN(this.#batchNow) ? this.#clock.now() : this.#batchNow
  }

  /**
   * Runs `work` as one batch, for `startAll()` / `stopAll()` of many tasks:
   * the clocks are read once for all of it, and the entries it cancels leave
   * the heap together in one O(n) pass at the end instead of one O(log n)
   * removal each. The timer is armed once, at the end.
   */
  batch(work: () => void): void {
    if (!Number.isNaN(this.#batchNow)) {
      work()
      return
    }
    this.#batchNow = this.#clock.now()
    this.#wakeOffset = Number.NaN
    try {
      work()
    } finally {
      this.#batchNow = Number.NaN
      if (this.#batchCancelled > 0) {
        this.#batchCancelled = 0
        this.#heap.removeWhere(isCancelled)
      }
      this.#rearm()
    }
  }

  /** Arms the clock timer for the head, unless a wake or a batch will do it when it ends. */
  #rearm(): void {
    if (!this.#firing && Number.isNaN(this.#batchNow)) this.#arm()
  }

  #arm(): void {
    const head = this.#heap.peek()
    const wantRef = this.#keepAliveCount > 0
    if (head === undefined) {
      this.#disarm()
      return
    }
    const now = this.#clock.now()
    const remaining = head.deadline - now
    // Never early: round the wait up, so a deadline at 10.4 ms is not woken at 10 ms.
    const wait = Math.min(Math.max(Math.ceil(remaining), 0), MAX_WAIT_MS)
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
    if (this.#handle !== HOP) this.#clock.clearTimeout(this.#handle)
    this.#handle = undefined
    this.#armedFor = Infinity
  }

  readonly #onTimer = (): void => {
    this.#handle = undefined
    this.#armedFor = Infinity
    const head = this.#heap.peek()
    if (head === undefined) return
    const now = this.#clock.now()
    const early = head.deadline - now
    // Runtimes keep whole-ms timer clocks and may wake up to ~1 ms before a
    // sub-ms deadline. One cheap hop (setImmediate, a MessageChannel turn)
    // covers that; a whole ms or more early re-arms a real timer. Never a poll.
    if (early > 0 && early < 1 && this.#clock.hop !== undefined && !this.#hopping) {
      this.#hopping = true
      this.#handle = HOP
      this.#armedFor = head.deadline
      this.#clock.hop(this.#afterHop)
      return
    }
    this.#fireDue(now)
  }

  readonly #afterHop = (): void => {
    this.#hopping = false
    if (this.#handle !== HOP) return
    this.#handle = undefined
    this.#armedFor = Infinity
    this.#fireDue(this.#clock.now())
  }

  /**
   * Fires every entry due at one clock reading. Entries due in the same wake
   * run by rank (the level), then deadline: a wake that finds a critical and a
   * low task both due runs the critical one first, without a second heap order.
   */
  #fireDue(now: number): void {
    this.#firing = true
    const due = this.#due
    try {
      this.#wakeNow = now
      this.#wakeOffset = NaN
      for (let head = this.#heap.peek(); head !== undefined && head.deadline <= now; head = this.#heap.peek()) {
        this.#heap.remove(head)
        if (head.keepAlive) this.#keepAliveCount--
        head.index = FIRING
        due.push(head)
      }
      // Popped in (deadline, rank, seq) order; a stable sort by rank alone keeps deadline order within a level.
      if (due.length > 1) due.sort(byRank)
      for (let i = 0; i < due.length; i++) {
        const entry = due[i] as TimerEntry
        // A callback earlier in this wake may have re-armed or cancelled it.
        if (entry.index !== FIRING) continue
        entry.index = -1
        try {
          entry.fire(now)
        } catch (error) {
          // A callback must never break the queue; tickwork's own callbacks do not throw.
          queueMicrotask(() => {
            throw error
          })
        }
      }
    } finally {
      due.length = 0
      this.#firing = false
      this.#arm()
    }
  }
}

/** `index` of an entry taken out of the heap in this wake and not fired yet (cancel still stops it). */
const FIRING = -2

/**
 * `seq` of an entry cancelled inside a batch, still in the heap until the
 * batch ends. Its place among equal deadlines no longer matters: the heap is
 * rebuilt when the batch ends, and nothing fires during one.
 */
const CANCELLED = -1

function isCancelled(entry: TimerEntry): boolean {
  return entry.seq === CANCELLED
}

/** Marks the armed handle while a hop is pending (a hop cannot be cancelled, so it checks on arrival). */
const HOP: unique symbol = Symbol('hop')

function byRank(a: TimerEntry, b: TimerEntry): number {
  return a.rank - b.rank
}

/** A plain callback in the queue (waits other than a task's own). */
class CallbackEntry implements TimerEntry {
  deadline = 0
  rank = 0
  seq = 0
  index = -1
  readonly keepAlive: boolean
  readonly #callback: (this: unknown) => void
  readonly #target: unknown

  constructor(keepAlive: boolean, callback: (this: unknown) => void, target: unknown) {
    this.keepAlive = keepAlive
    this.#callback = callback
    this.#target = target
  }

  fire(): void {
    this.#callback.call(this.#target)
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
