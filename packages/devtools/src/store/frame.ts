/** Schedules a callback before the next paint; returns a cancel function. */
export type FrameScheduler = (callback: () => void) => () => void

/**
 * The default {@link FrameScheduler}: `requestAnimationFrame` where it exists
 * (read at call time, so a page that installs it late still gets it), else a
 * 16 ms timeout, which is one frame at 60 Hz.
 */
export const animationFrame: FrameScheduler = (callback) => {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame
  const caf = (globalThis as { cancelAnimationFrame?: (id: number) => void }).cancelAnimationFrame
  if (typeof raf === 'function' && typeof caf === 'function') {
    const id = raf(() => callback())
    return () => caf(id)
  }
  const id = setTimeout(callback, 16)
  return () => clearTimeout(id)
}

/**
 * A {@link FrameScheduler} that tests drive by hand: callbacks wait until
 * `flushFrame()` runs them, the way a browser runs one frame.
 */
export function manualFrames(): { schedule: FrameScheduler; flushFrame: () => number; readonly pending: number } {
  let queue: (() => void)[] = []
  return {
    schedule(callback) {
      queue.push(callback)
      return () => {
        queue = queue.filter((queued) => queued !== callback)
      }
    },
    flushFrame() {
      const run = queue
      queue = []
      for (const callback of run) callback()
      return run.length
    },
    get pending() {
      return queue.length
    },
  }
}
