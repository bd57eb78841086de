import { describe, expect, it } from 'vitest'
import { InvalidOptionError, sleep } from '../src/index.ts'
import { createTestClock } from '../src/testing.ts'

/** Counts listeners added to and removed from a signal. */
function countingSignal(controller = new AbortController()): { signal: AbortSignal; live: () => number } {
  const signal = controller.signal
  let live = 0
  const add = signal.addEventListener.bind(signal)
  const remove = signal.removeEventListener.bind(signal)
  signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
    live++
    add(...args)
  }) as AbortSignal['addEventListener']
  signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
    live--
    remove(...args)
  }) as AbortSignal['removeEventListener']
  return { signal, live: () => live }
}

describe('sleep()', () => {
  it('resolves true after the full time on the given clock', async () => {
    const clock = createTestClock()
    let done: boolean | undefined
    void sleep(100, undefined, { clock }).then((value) => (done = value))
    await clock.advance(99)
    expect(done).toBeUndefined()
    await clock.advance(1)
    expect(done).toBe(true)
  })

  it('resolves false at once when the signal is already aborted, arming nothing', async () => {
    const clock = createTestClock()
    const controller = new AbortController()
    controller.abort()
    await expect(sleep(1000, controller.signal, { clock })).resolves.toBe(false)
    expect(clock.armedTimers).toBe(0)
  })

  it('resolves false when the signal aborts midway and clears its timer', async () => {
    const clock = createTestClock()
    const controller = new AbortController()
    const pending = sleep(10_000, controller.signal, { clock })
    await clock.advance(10)
    expect(clock.armedTimers).toBe(1)
    controller.abort()
    await expect(pending).resolves.toBe(false)
    expect(clock.armedTimers).toBe(0)
  })

  it('leaves no listener on a long-lived signal after many sleeps', async () => {
    const clock = createTestClock()
    const { signal, live } = countingSignal()
    for (let i = 0; i < 1000; i++) {
      const pending = sleep(5, signal, { clock })
      await clock.advance(5)
      await expect(pending).resolves.toBe(true)
    }
    expect(live()).toBe(0)
  })

  it('splits delays beyond 2^31−1 ms into waits the runtime can hold', async () => {
    const clock = createTestClock()
    const huge = 2 ** 31 + 5000
    let done = false
    void sleep(huge, undefined, { clock }).then(() => (done = true))
    expect(clock.maxDelaySeen).toBeLessThanOrEqual(2 ** 31 - 1)
    await clock.advance(huge - 1)
    expect(done).toBe(false)
    await clock.advance(1)
    expect(done).toBe(true)
    expect(clock.maxDelaySeen).toBeLessThanOrEqual(30_000)
  })

  it('rejects a negative or NaN delay with a named error quoting the value', async () => {
    await expect(sleep(-5)).rejects.toThrow(InvalidOptionError)
    await expect(sleep(Number.NaN)).rejects.toThrow(/`NaN` \(number\)/)
  })

  it('works on the system clock for a zero delay', async () => {
    await expect(sleep(0)).resolves.toBe(true)
  })
})
