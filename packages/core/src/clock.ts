/** An opaque handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = unknown

/**
 * The source of time and wake-ups. Every wait in tickwork goes through one,
 * so a test clock can stand in for the system one.
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number
  /** Calls `callback` after `ms` milliseconds. */
  setTimeout(callback: () => void, ms: number): TimerHandle
  /** Cancels a timer from {@link Clock.setTimeout}. */
  clearTimeout(handle: TimerHandle): void
  /**
   * Lets the process exit while this timer is armed (Node/Bun `.unref()`,
   * `Deno.unrefTimer`). Optional: clocks without it keep the process alive.
   */
  unref?(handle: TimerHandle): void
  /**
   * True for virtual clocks (tests): platform schedulers such as
   * `scheduler.postTask` are then not used, so runs start inside `advance()`.
   */
  readonly virtual?: boolean
}

interface DenoTimers {
  unrefTimer?(id: number): void
}

/**
 * The system clock: `Date.now()` and the global timers, looked up at call time
 * (never captured at import) so spies and polyfills installed later are used.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  unref: (handle) => {
    // Node and Bun return an object with unref(); Deno returns a number and has Deno.unrefTimer.
    if (handle !== null && typeof handle === 'object' && 'unref' in handle && typeof handle.unref === 'function') {
      handle.unref()
      return
    }
    const deno = (globalThis as { Deno?: DenoTimers }).Deno
    if (typeof handle === 'number' && typeof deno?.unrefTimer === 'function') deno.unrefTimer(handle)
  },
}
