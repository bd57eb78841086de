import { createTestClock } from '@tickwork/core/testing'
import { describe, expect, it } from 'vitest'
import { createTicker } from '../src/store/ticker.ts'

describe('createTicker()', () => {
  it('drives every listener from one timer, armed only while listened to', async () => {
    const clock = createTestClock()
    const ticker = createTicker(clock, 250)
    expect(clock.armedTimers).toBe(0)
    const calls = [0, 0, 0]
    const offs = calls.map((_, index) => ticker.subscribe(() => calls[index]!++))
    expect(clock.armedTimers).toBe(1)
    await clock.advance(1000)
    expect(calls).toEqual([4, 4, 4])
    expect(ticker.getSnapshot()).toBe(4)
    expect(clock.armedTimers).toBe(1)
    for (const off of offs) off()
    expect(clock.armedTimers).toBe(0)
    expect(ticker.listeners).toBe(0)
  })
})
