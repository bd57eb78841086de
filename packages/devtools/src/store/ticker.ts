import type { Clock } from '@tickwork/core'

/** One shared timer for every countdown on screen. */
export interface Ticker {
  /** useSyncExternalStore-shaped: listens for ticks; the timer runs only while someone listens. */
  subscribe(listener: () => void): () => void
  /** Ticks so far: changes once per period while listened to. */
  getSnapshot(): number
  /** Listeners right now. */
  readonly listeners: number
}

/**
 * Creates a ticker. Countdowns re-render from one timer instead of one per
 * row, so a list of thousands costs one timeout per period.
 */
export function createTicker(clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>, periodMs = 250): Ticker {
  const listeners = new Set<() => void>()
  let ticks = 0
  let handle: ReturnType<Clock['setTimeout']> | undefined

  const arm = (): void => {
    handle = clock.setTimeout(() => {
      ticks++
      for (const listener of [...listeners]) listener()
      if (listeners.size > 0) arm()
      else handle = undefined
    }, periodMs)
  }

  return {
    subscribe(listener) {
      listeners.add(listener)
      if (handle === undefined) arm()
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && handle !== undefined) {
          clock.clearTimeout(handle)
          handle = undefined
        }
      }
    },
    getSnapshot: () => ticks,
    get listeners() {
      return listeners.size
    },
  }
}
