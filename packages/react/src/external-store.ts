/**
 * The glue between an event source and `useSyncExternalStore`: a subscribe
 * that coalesces bursts of events into one notification per microtask, and a
 * getSnapshot that recomputes only after an event and keeps the previous
 * snapshot (same identity) when the new one is equal.
 */
export interface CachedStore<T> {
  subscribe: (onChange: () => void) => () => void
  getSnapshot: () => T
}

/**
 * @param listen subscribes to the raw events; calls its argument on each one
 * @param compute builds a fresh snapshot
 * @param equal decides whether a fresh snapshot equals the cached one
 * @param defer when to tell React after the first event of a burst; default: the next microtask
 */
export function cachedStore<T>(
  listen: (onEvent: () => void) => () => void,
  compute: () => T,
  equal: (a: T, b: T) => boolean,
  defer: (callback: () => void) => void = (callback) => queueMicrotask(callback),
): CachedStore<T> {
  let cached: { value: T } | undefined
  let dirty = true
  let subscribers = 0

  const getSnapshot = (): T => {
    // Without a subscription no event marks the cache dirty, so recompute every time.
    if (cached !== undefined && !dirty && subscribers > 0) return cached.value
    const next = compute()
    dirty = false
    if (cached === undefined || !equal(cached.value, next)) cached = { value: next }
    return cached.value
  }

  const subscribe = (onChange: () => void): (() => void) => {
    let pending = false
    let live = true
    subscribers++
    const unlisten = listen(() => {
      dirty = true
      if (pending) return
      pending = true
      // One task run sends several events in a row (runStarted, stateChanged,
      // runFinished, …) and 1,000 tasks due together send thousands: React
      // only needs to look once they are all out.
      defer(() => {
        pending = false
        if (live) onChange()
      })
    })
    return () => {
      live = false
      subscribers--
      dirty = true
      unlisten()
    }
  }

  return { subscribe, getSnapshot }
}
