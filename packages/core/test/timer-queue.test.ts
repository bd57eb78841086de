import { describe, expect, it } from 'vitest'
import type { Clock } from '../src/index.ts'
import { TimerQueue } from '../src/testing.ts'
import { createTestClock } from '../src/testing.ts'

describe('TimerQueue', () => {
  it('keeps at most one timer armed however many entries it holds', async () => {
    const clock = createTestClock()
    const queue = new TimerQueue(clock)
    const fired: number[] = []
    for (let i = 0; i < 100; i++) queue.schedule(1000 - i * 5, () => fired.push(i))
    expect(clock.armedTimers).toBe(1)
    await clock.advance(1000)
    expect(fired).toHaveLength(100)
    expect(fired[0]).toBe(99)
    expect(clock.armedTimers).toBe(0)
  })

  it('orders equal deadlines by rank, then by insertion', async () => {
    const clock = createTestClock()
    const queue = new TimerQueue(clock)
    const fired: string[] = []
    queue.schedule(10, () => fired.push('low'), { rank: 3 })
    queue.schedule(10, () => fired.push('critical'), { rank: 0 })
    queue.schedule(10, () => fired.push('critical-2'), { rank: 0 })
    await clock.advance(10)
    expect(fired).toEqual(['critical', 'critical-2', 'low'])
  })

  it('cancelling the last entry disarms the clock timer', () => {
    const clock = createTestClock()
    const queue = new TimerQueue(clock)
    const a = queue.schedule(10, () => {})
    const b = queue.schedule(20, () => {})
    expect(queue.cancel(a)).toBe(true)
    expect(queue.cancel(a)).toBe(false)
    expect(clock.armedTimers).toBe(1)
    queue.cancel(b)
    expect(clock.armedTimers).toBe(0)
    expect(queue.size).toBe(0)
  })

  it('never runs a callback before its deadline when the runtime wakes it early', () => {
    // A clock whose timers fire early (10 % of the wait), as Node's can by up to 1 ms.
    let now = 0
    const timers: { at: number; callback: () => void }[] = []
    const early: Clock = {
      now: () => now,
      wallNow: () => now,
      setTimeout: (callback, ms) => timers.push({ at: now + ms * 0.9, callback }),
      clearTimeout: () => {},
    }
    const queue = new TimerQueue(early)
    const firedAt: number[] = []
    queue.schedule(10.4, () => firedAt.push(now))
    for (let i = 0; i < 50 && timers.length > 0; i++) {
      const timer = timers.shift()!
      now = timer.at
      timer.callback()
    }
    expect(firedAt).toHaveLength(1)
    expect(firedAt[0]).toBeGreaterThanOrEqual(10.4)
  })

  it('asks the clock to unref the timer when no entry needs to keep the process alive', () => {
    const clock = createTestClock()
    const queue = new TimerQueue(clock)
    const entry = queue.schedule(100, () => {}, { keepAlive: false })
    expect(clock.timers()[0]?.unref).toBe(true)
    queue.schedule(200, () => {})
    expect(clock.timers()[0]?.unref).toBe(false)
    queue.cancel(entry)
  })

  it('re-checks a distant deadline at least every 30 s', async () => {
    const clock = createTestClock()
    const queue = new TimerQueue(clock)
    let fired = false
    queue.schedule(95_000, () => (fired = true))
    expect(clock.timers()[0]?.delay).toBe(30_000)
    await clock.advance(94_999)
    expect(fired).toBe(false)
    await clock.advance(1)
    expect(fired).toBe(true)
  })

  it('a throwing callback does not stop the others', async () => {
    const clock = createTestClock()
    const queue = new TimerQueue(clock)
    const fired: string[] = []
    const errors: unknown[] = []
    const original = globalThis.queueMicrotask
    globalThis.queueMicrotask = (cb) => original(() => { try { cb() } catch (e) { errors.push(e) } })
    try {
      queue.schedule(5, () => { throw new Error('boom') })
      queue.schedule(5, () => fired.push('second'))
      await clock.advance(5)
    } finally {
      globalThis.queueMicrotask = original
    }
    expect(fired).toEqual(['second'])
    expect(errors).toHaveLength(1)
  })
})
