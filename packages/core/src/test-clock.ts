import type { Clock, TimerHandle } from './clock.ts'
import { describeValue, InvalidOptionError, prefix, TickworkError } from './errors.ts'

/** A timer armed on a {@link TestClock}. */
export interface TestTimer {
  /** Virtual monotonic ms at which it fires. */
  readonly at: number
  /** The delay it was armed with. */
  readonly delay: number
  readonly unref: boolean
}

/** A virtual clock: time moves only when the test says so. */
export interface TestClock extends Clock {
  /** Moves time forward by `ms`, firing every timer due on the way, in order, settling promises between them. */
  advance(ms: number): Promise<void>
  /** Fires timers one after another until none is left; throws after `limit` (default 10,000) to catch endless loops. */
  runAll(limit?: number): Promise<void>
  /**
   * Sets the wall clock (`wallNow()`) alone, as an NTP step or a user
   * changing the time would: monotonic time and armed timers do not move.
   */
  setWallTime(epochMs: number): void
  /** Moves the wall clock alone by `deltaMs` (negative: back). */
  jumpWall(deltaMs: number): void
  /** Lets pending promise callbacks run without moving time. */
  flush(): Promise<void>
  /** Timers armed right now, earliest first. */
  timers(): readonly TestTimer[]
  /** Number of timers armed right now. */
  readonly armedTimers: number
  /** The largest delay ever passed to `setTimeout` on this clock. */
  readonly maxDelaySeen: number
}

/** Options of {@link createTestClock}. */
export interface TestClockOptions {
  /** Start time in ms: monotonic `now()` starts here, and so does the wall clock unless `wallNow` is given. Default 0. */
  now?: number
  /** Start of the wall clock (`wallNow()`) in epoch ms. Default: `now`. */
  wallNow?: number
  /** Promise turns allowed between two timers (deep `await` chains need more). Default 50. */
  microtaskTurns?: number
}

interface PendingTimer extends TestTimer {
  readonly id: number
  readonly callback: () => void
  unref: boolean
}

/** Thrown by {@link TestClock.runAll} when timers keep arriving past its limit. */
export class RunAllLimitError extends TickworkError {
  override name = 'RunAllLimitError'
}

/**
 * Creates a virtual clock for deterministic tests of your own tasks, with no
 * fake timers installed globally:
 *
 * @example
 * const clock = createTestClock()
 * const registry = new TaskRegistry({ clock })
 * const task = createTask({ name: 'poll', interval: 1000, run, registry })
 * task.start()
 * await clock.advance(3000) // three runs
 */
export function createTestClock(options: TestClockOptions = {}): TestClock {
  let now = options.now ?? 0
  // The wall clock is monotonic time plus an offset that only setWallTime/jumpWall change.
  let wallOffset = (options.wallNow ?? now) - now
  const turns = options.microtaskTurns ?? 50
  let nextId = 1
  let maxDelaySeen = 0
  const pending: PendingTimer[] = []

  const flush = async (): Promise<void> => {
    for (let i = 0; i < turns; i++) await Promise.resolve()
  }

  const earliest = (): PendingTimer | undefined => {
    let best: PendingTimer | undefined
    for (const timer of pending) if (best === undefined || timer.at < best.at || (timer.at === best.at && timer.id < best.id)) best = timer
    return best
  }

  const fire = (timer: PendingTimer): void => {
    pending.splice(pending.indexOf(timer), 1)
    if (timer.at > now) now = timer.at
    timer.callback()
  }

  return {
    virtual: true,
    now: () => now,
    wallNow: () => now + wallOffset,
    setWallTime(epochMs: number): void {
      if (typeof epochMs !== 'number' || !Number.isFinite(epochMs)) {
        throw new InvalidOptionError(`${prefix('test clock')}setWallTime(ms) needs a finite number of epoch ms, got ${describeValue(epochMs)}`)
      }
      wallOffset = epochMs - now
    },
    jumpWall(deltaMs: number): void {
      if (typeof deltaMs !== 'number' || !Number.isFinite(deltaMs)) {
        throw new InvalidOptionError(`${prefix('test clock')}jumpWall(ms) needs a finite number of ms, got ${describeValue(deltaMs)}`)
      }
      wallOffset += deltaMs
    },
    setTimeout(callback: () => void, ms: number): TimerHandle {
      const delay = Math.max(0, Number.isFinite(ms) ? ms : 0)
      maxDelaySeen = Math.max(maxDelaySeen, delay)
      const timer: PendingTimer = { id: nextId++, at: now + delay, delay, callback, unref: false }
      pending.push(timer)
      return timer.id
    },
    clearTimeout(handle: TimerHandle): void {
      const at = pending.findIndex((timer) => timer.id === handle)
      if (at >= 0) pending.splice(at, 1)
    },
    unref(handle: TimerHandle): void {
      const timer = pending.find((candidate) => candidate.id === handle)
      if (timer) timer.unref = true
    },
    async advance(ms: number): Promise<void> {
      if (typeof ms !== 'number' || !(ms >= 0) || !Number.isFinite(ms)) {
        throw new InvalidOptionError(`${prefix('test clock')}advance(ms) needs a finite number ≥ 0, got ${describeValue(ms)}`)
      }
      const target = now + ms
      await flush()
      for (let timer = earliest(); timer !== undefined && timer.at <= target; timer = earliest()) {
        fire(timer)
        await flush()
      }
      now = target
      await flush()
    },
    async runAll(limit = 10_000): Promise<void> {
      await flush()
      for (let fired = 0, timer = earliest(); timer !== undefined; timer = earliest()) {
        if (++fired > limit) {
          throw new RunAllLimitError(`${prefix('test clock')}runAll() fired ${limit} timers and more keep coming; use advance(ms) for periodic tasks`)
        }
        fire(timer)
        await flush()
      }
    },
    flush,
    timers: () =>
      [...pending]
        .sort((a, b) => a.at - b.at || a.id - b.id)
        .map(({ at, delay, unref }) => ({ at, delay, unref })),
    get armedTimers() {
      return pending.length
    },
    get maxDelaySeen() {
      return maxDelaySeen
    },
  }
}
