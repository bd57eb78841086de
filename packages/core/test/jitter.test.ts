import { beforeEach, describe, expect, it } from 'vitest'
import { fixedDelay, fixedRate, InvalidOptionError, jitter } from '../src/index.ts'
import { setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup()
})

/** A random source returning the given values in turn. */
function sequence(...values: number[]): () => number {
  let at = 0
  return () => values[at++ % values.length] as number
}

describe('jitter()', () => {
  it('spreads each wait by up to ±ratio of its length', async () => {
    const starts: number[] = []
    const schedule = jitter(fixedDelay(1000), 0.2, { random: sequence(0, 1, 0.5) })
    const task = env.make({ name: 'j', schedule, run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(5000)
    // first run at once (a wait of 0 is not moved), then 800, 1200, 1000, 800 …
    expect(starts.slice(0, 5)).toEqual([0, 800, 2000, 3000, 3800])
  })

  it('keeps a fixed-rate grid on its grid instead of drifting by the jitter', async () => {
    const starts: number[] = []
    const schedule = jitter(fixedRate(1000), 0.1, { random: sequence(0, 1) })
    const task = env.make({ name: 'j', schedule, run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(4500)
    expect(starts).toEqual([0, 900, 2100, 2900, 4100])
    expect(task.status().skippedRuns).toBe(0)
  })

  it('uses Math.random by default and stays inside the bounds', () => {
    const schedule = jitter(fixedDelay(1000), 0.5)
    for (let i = 0; i < 200; i++) {
      const due = schedule.next({ now: 10_000, previousDueAt: 9000, runCount: 1, consecutiveFailures: 0, skip: () => {}, wallNow: 0, memo: undefined }) as number
      expect(due).toBeGreaterThanOrEqual(10_500)
      expect(due).toBeLessThanOrEqual(11_500)
    }
  })

  it('passes "no more runs" through and describes itself', () => {
    const schedule = jitter({ interval: null, description: 'once', next: () => null }, 0.3)
    expect(schedule.next({ now: 0, previousDueAt: null, runCount: 0, consecutiveFailures: 0, skip: () => {}, wallNow: 0, memo: undefined })).toBeNull()
    expect(schedule.description).toBe('once ±30% jitter')
  })

  it('rejects a bad ratio, schedule or random source, quoting the value', () => {
    expect(() => jitter(fixedDelay(10), 1.5)).toThrow(InvalidOptionError)
    expect(() => jitter(fixedDelay(10), -0.1)).toThrow(/ratio must be a number from 0 to 1, got `-0.1` \(number\)/)
    expect(() => jitter(fixedDelay(10), Number.NaN)).toThrow(/`NaN`/)
    expect(() => jitter({} as never, 0.1)).toThrow(/needs a schedule/)
    expect(() => jitter(fixedDelay(10), 0.1, { random: 4 as never })).toThrow(/random must be a function returning \[0, 1\), got `4` \(number\)/)
  })
})
