// Clocks for the benchmarks. Kept free of Node APIs: this file is bundled
// for Deno, Bun and Chromium too.

/**
 * A synchronous virtual clock for counting work, not time: `fireNext()` moves
 * time to the earliest timer and calls it. tickwork arms at most one timer per
 * clock, so this stays O(1) per wake-up (unlike a general test clock, which
 * also settles 50 promise turns per timer). `lateBy(ms)` injects lateness.
 */
export function leanClock(start = 0, { wholeMs = false } = {}) {
  let now = start
  let nextId = 1
  const timers = new Map()
  let late = () => 0
  return {
    // wholeMs: reads time like Date.now() does, while time itself moves in fractions.
    now: wholeMs ? () => Math.floor(now) : () => now,
    // The kernel's wall reading (epoch ms): here the same line as monotonic time.
    wallNow: wholeMs ? () => Math.floor(now) : () => now,
    setTimeout(callback, ms) {
      const id = nextId++
      timers.set(id, { id, at: now + ms, callback })
      return id
    },
    clearTimeout(id) {
      timers.delete(id)
    },
    lateBy(fn) {
      late = fn
    },
    /** Time with its fractions, whatever `now()` shows. */
    trueNow: () => now,
    /** Moves time on without firing anything: the work a run does. */
    advanceBy(ms) {
      now += ms
    },
    get armed() {
      return timers.size
    },
    /** Fires the earliest timer; false when none is armed. */
    fireNext() {
      let first
      for (const timer of timers.values()) if (first === undefined || timer.at < first.at) first = timer
      if (first === undefined) return false
      timers.delete(first.id)
      now = Math.max(now, first.at + late())
      first.callback()
      return true
    },
  }
}

/** A small seeded PRNG (mulberry32), so injected lateness is the same on every run. */
export function seeded(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
