/** An opaque handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = unknown

/**
 * The source of time and wake-ups. Every wait in tickwork goes through one,
 * so a test clock can stand in for the system one.
 */
export interface Clock {
  /**
   * Monotonic milliseconds with sub-ms precision (`performance.now()` where
   * it exists). Every deadline, wait and duration is computed from it, so a
   * wall-clock step can neither freeze nor burst a loop. Only differences
   * between two readings mean anything.
   */
  now(): number
  /** Epoch milliseconds (`Date.now()`): only for what people read and for wall-anchored schedules (cron, `until`). */
  wallNow(): number
  /**
   * Calls `callback` on the next turn of the event loop, sooner than
   * `setTimeout(cb, 0)` (`setImmediate`, a `MessageChannel` turn). Used once
   * when a timer wakes a fraction of a millisecond before its deadline.
   * Optional: without it a 1 ms timer is used.
   */
  hop?(callback: () => void): void
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
  now: () => {
    const performance = (globalThis as { performance?: { now?: () => number } }).performance
    return typeof performance?.now === 'function' ? performance.now() : Date.now()
  },
  wallNow: () => Date.now(),
  hop: (callback) => {
    const immediate = (globalThis as { setImmediate?: (cb: () => void) => unknown }).setImmediate
    if (typeof immediate === 'function') {
      immediate(callback)
      return
    }
    hopChannel(callback)
  },
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

let hopPort: { postMessage(message: null): void } | undefined
const hops: (() => void)[] = []

/** A `MessageChannel` turn: browsers and workers have no `setImmediate`, and a 0 ms timer is clamped to 1–4 ms. */
function hopChannel(callback: () => void): void {
  const Channel = (globalThis as { MessageChannel?: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(message: null): void } } }).MessageChannel
  // Only in pages and workers: elsewhere (Deno) a port with a listener would keep the process alive.
  const browser = typeof (globalThis as { document?: unknown }).document === 'object' || typeof (globalThis as { importScripts?: unknown }).importScripts === 'function'
  if (typeof Channel !== 'function' || !browser) {
    globalThis.setTimeout(callback, 0)
    return
  }
  if (hopPort === undefined) {
    const channel = new Channel()
    channel.port1.onmessage = () => {
      const due = hops.splice(0)
      for (const run of due) run()
    }
    hopPort = channel.port2
  }
  hops.push(callback)
  if (hops.length === 1) hopPort.postMessage(null)
}
