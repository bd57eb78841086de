import { beforeEach, describe, expect, it } from 'vitest'
import { backoff, fixedDelay, fixedRate, InvalidOptionError } from '../src/index.ts'
import { setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup()
})

describe('backoff()', () => {
  it('multiplies the wait by factor per failure in a row, up to max, and a success resets it', async () => {
    const starts: number[] = []
    const outcomes = [false, false, false, false, false, true, true]
    const task = env.make({
      name: 'b',
      schedule: backoff(fixedDelay(100), { factor: 2, max: 1000 }),
      run: () => {
        starts.push(env.clock.now())
        if (outcomes.shift() === false) throw new Error('down')
      },
    })
    task.start()
    await env.clock.advance(10_000)
    const waits = starts.slice(1, 8).map((at, i) => at - (starts[i] as number))
    // failures: 200, 400, 800, 1000 (capped), 1000; then success → 100, 100
    expect(waits).toEqual([200, 400, 800, 1000, 1000, 100, 100])
    expect(env.warnings.length).toBe(5)
  })

  it('counts a RunResult with success: false as a failure too', async () => {
    const starts: number[] = []
    const task = env.make({
      name: 'b',
      schedule: backoff(fixedDelay(100), { factor: 3 }),
      run: () => {
        starts.push(env.clock.now())
        return { success: false, message: 'not yet' }
      },
    })
    task.start()
    await env.clock.advance(1300)
    expect(starts).toEqual([0, 300, 1200])
  })

  it('stretches a fixed-rate schedule by its interval and returns to the grid rhythm after a success', async () => {
    const starts: number[] = []
    let fail = true
    const task = env.make({
      name: 'b',
      schedule: backoff(fixedRate(100)),
      run: () => {
        starts.push(env.clock.now())
        if (fail) {
          fail = false
          throw new Error('once')
        }
      },
    })
    task.start()
    await env.clock.advance(500)
    expect(starts).toEqual([0, 200, 300, 400, 500])
  })

  it('defaults max to 32 intervals and needs max for schedules without an interval', () => {
    const schedule = backoff(fixedDelay(10))
    expect(schedule.next({ now: 0, previousDueAt: 0, runCount: 5, consecutiveFailures: 20, skip: () => {}, wallNow: 0, memo: undefined })).toBe(320)
    expect(() => backoff({ interval: null, next: () => null })).toThrow(/needs max \(ms\)/)
  })

  it('rejects a bad factor or max, quoting the value', () => {
    expect(() => backoff(fixedDelay(10), { factor: 0.5 })).toThrow(InvalidOptionError)
    expect(() => backoff(fixedDelay(10), { factor: 0.5 })).toThrow(/factor must be a finite number ≥ 1, got `0.5` \(number\)/)
    expect(() => backoff(fixedDelay(10), { max: '5' as never })).toThrow(/max must be .*`"5"` \(string\)/)
    expect(() => backoff(null as never)).toThrow(/needs a schedule/)
  })
})
