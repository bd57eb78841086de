import { beforeEach, describe, expect, it } from 'vitest'
import { fixedDelay, fixedRate, type Schedule } from '../src/index.ts'
import { setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup()
})

function workFor(ms: number): () => Promise<void> {
  return () => new Promise<void>((resolve) => env.clock.setTimeout(resolve, ms))
}

describe('fixedRate()', () => {
  it('runs on absolute deadlines, so work time does not accumulate', async () => {
    const starts: number[] = []
    const task = env.make({ name: 'fr', schedule: fixedRate(100), run: async () => { starts.push(env.clock.now()); await workFor(30)() } })
    task.start()
    await env.clock.advance(450)
    expect(starts).toEqual([0, 100, 200, 300, 400])
  })

  it('skips missed slots (counted) instead of bursting', async () => {
    const starts: number[] = []
    let first = true
    const task = env.make({
      name: 'fr',
      schedule: fixedRate(100),
      run: async () => {
        starts.push(env.clock.now())
        if (first) {
          first = false
          await workFor(350)()
        }
      },
    })
    task.start()
    await env.clock.advance(600)
    expect(starts).toEqual([0, 400, 500, 600])
    expect(task.status().skippedRuns).toBe(3)
  })
})

describe('fixedDelay()', () => {
  it('is what interval means', async () => {
    const starts: number[] = []
    const task = env.make({ name: 'fd', schedule: fixedDelay(100), run: async () => { starts.push(env.clock.now()); await workFor(30)() } })
    task.start()
    await env.clock.advance(300)
    expect(starts).toEqual([0, 130, 260])
    expect(task.status().interval).toBe(100)
  })
})

describe('custom schedules', () => {
  it('a schedule returning null completes the loop', async () => {
    const times = [10, 25]
    const schedule: Schedule = { interval: null, next: () => times.shift() ?? null }
    const task = env.make({ name: 'list', schedule })
    task.start()
    await env.clock.advance(100)
    expect(task.history.map((s) => s.timestamp)).toEqual([10, 25])
    expect(task.status()).toMatchObject({ state: 'completed', interval: null })
  })

  it('a due time in the past runs at once, never earlier than asked', async () => {
    const task = env.make({ name: 'past', schedule: { interval: null, next: ({ runCount }) => (runCount < 2 ? -1000 : null) } })
    task.start()
    await env.clock.advance(0)
    expect(task.status().totalRuns).toBe(2)
  })
})
