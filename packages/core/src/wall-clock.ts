import type { Clock } from './clock.ts'

/**
 * Epoch ms for what people read (timestamps) and what outlives the process
 * (a stored value's age). Clocks with a monotonic `now()` also have
 * `wallNow()`; a clock without one reads epoch ms from `now()`.
 */
export function wallNow(clock: Clock): number {
  const wall = (clock as { wallNow?: () => number }).wallNow
  return typeof wall === 'function' ? wall.call(clock) : clock.now()
}
