import { getEventListeners, setMaxListeners } from 'node:events'
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTask, fixedRate, sleep, TaskRegistry, type Clock, type Logger } from '../src/index.ts'
import { MAX_WAIT_MS, timerQueueFor } from '../src/testing.ts'
import { createTestClock } from '../src/testing.ts'

// The performance design of issue 7, asserted on virtual time: one armed timer
// per clock, never-early wake-ups, capped waits, and nothing left behind by
// aborted sleeps. Speed itself is measured by `pnpm bench`, never here.

const quiet: Logger = { warn: () => {} }

/**
 * A clock whose timers fire early, as Node's can by up to 1 ms: a wait of `ms`
 * fires after `ms - early`, but never before half its wait (a real clock that
 * fires early still moves on). `step()` fires the earliest timer and
 * moves time to it. It counts the timers armed at once.
 */
function earlyClock(early: number): Clock & { step(): boolean; readonly armed: number; readonly maxArmed: number; readonly now: () => number } {
  let now = 1_000
  let id = 0
  let maxArmed = 0
  const timers = new Map<number, { at: number; callback: () => void }>()
  return {
    now: () => now,
    wallNow: () => now,
    setTimeout(callback, ms) {
      timers.set(++id, { at: now + ms - Math.min(early, ms / 2), callback })
      maxArmed = Math.max(maxArmed, timers.size)
      return id
    },
    clearTimeout(handle) {
      timers.delete(handle as number)
    },
    step() {
      let first: [number, { at: number; callback: () => void }] | undefined
      for (const entry of timers) if (first === undefined || entry[1].at < first[1].at) first = entry
      if (first === undefined) return false
      timers.delete(first[0])
      now = Math.max(now, first[1].at)
      first[1].callback()
      return true
    },
    get armed() {
      return timers.size
    },
    get maxArmed() {
      return maxArmed
    },
  }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('one armed timer per registry', () => {
  it('arms a single clock timer for 1,000 started tasks, through many runs, and none after stopAll()', async () => {
    const clock = createTestClock()
    const registry = new TaskRegistry({ clock, logger: quiet })
    let runs = 0
    for (let i = 0; i < 1000; i++) {
      createTask({ name: `t${i}`, interval: 50 + (i % 97), registry, logger: quiet, run: () => void runs++ })
    }
    expect(clock.armedTimers).toBe(0)
    registry.startAll()
    expect(clock.armedTimers).toBe(1)
    for (let step = 0; step < 20; step++) {
      await clock.advance(37)
      expect(clock.armedTimers).toBe(1)
    }
    expect(runs).toBeGreaterThan(5000)
    expect(timerQueueFor(clock).size).toBe(1000)
    await registry.stopAll()
    expect(clock.armedTimers).toBe(0)
    expect(timerQueueFor(clock).size).toBe(0)
  }, 30_000)

  it('shares the timer between tasks, their sleeps and their run timeouts', async () => {
    const clock = createTestClock()
    const registry = new TaskRegistry({ clock, logger: quiet })
    for (let i = 0; i < 50; i++) {
      createTask({
        name: `sleeper${i}`,
        interval: 100,
        timeout: 1_000,
        registry,
        logger: quiet,
        run: async ({ signal }) => {
          await sleep(30 + i, signal, { clock })
        },
      })
    }
    registry.startAll()
    for (let step = 0; step < 30; step++) {
      await clock.advance(11)
      expect(clock.armedTimers).toBeLessThanOrEqual(1)
    }
    await registry.stopAll()
    expect(clock.armedTimers).toBe(0)
  })

  it('holds for any mix of tasks and steps (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ interval: fc.integer({ min: 1, max: 400 }), rate: fc.boolean(), work: fc.integer({ min: 0, max: 50 }) }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 15 }),
        async (specs, steps) => {
          const clock = createTestClock({ now: 10_000 })
          const registry = new TaskRegistry({ clock, logger: quiet })
          const late: number[] = []
          specs.forEach((spec, i) => {
            createTask({
              name: `p${i}`,
              ...(spec.rate ? { schedule: fixedRate(spec.interval) } : { interval: spec.interval }),
              registry,
              logger: quiet,
              run: async (ctx) => {
                late.push(clock.now() - ctx.scheduledAt)
                if (spec.work > 0) await sleep(spec.work, ctx.signal, { clock })
              },
            })
          })
          registry.startAll()
          for (const ms of steps) {
            await clock.advance(ms)
            if (clock.armedTimers > 1) return false
          }
          await registry.stopAll()
          return clock.armedTimers === 0 && late.every((ms) => ms >= 0)
        },
      ),
      { numRuns: 40 },
    )
  }, 30_000)
})

describe('never-early deadlines', () => {
  it('starts no run before its due time on a clock that fires 1 ms early', () => {
    const clock = earlyClock(1)
    const registry = new TaskRegistry({ clock, logger: quiet })
    const early: string[] = []
    let runs = 0
    for (let i = 0; i < 40; i++) {
      createTask({
        name: `e${i}`,
        // Fractional intervals: a deadline at x.4 ms must not be woken at x ms.
        ...(i % 2 === 0 ? { interval: 3.4 + i } : { schedule: fixedRate(2.7 + i) }),
        registry,
        logger: quiet,
        run: ({ scheduledAt, name }) => {
          runs++
          if (clock.now() < scheduledAt) early.push(`${name} at ${clock.now()} due ${scheduledAt}`)
        },
      })
    }
    registry.startAll()
    for (let i = 0; i < 5_000 && clock.step(); i++) expect(clock.armed).toBeLessThanOrEqual(1)
    expect(runs).toBeGreaterThan(1_000)
    expect(early).toEqual([])
    expect(clock.maxArmed).toBe(1)
    for (const task of registry.list()) expect(task.history.every((summary) => summary.lateMs >= 0)).toBe(true)
  }, 30_000)

  it('re-arms a sleep woken early instead of resolving it', async () => {
    const clock = earlyClock(5)
    let resolvedAt: number | undefined
    const start = clock.now()
    void sleep(20.5, undefined, { clock }).then(() => (resolvedAt = clock.now()))
    while (resolvedAt === undefined && clock.step()) await Promise.resolve()
    await Promise.resolve()
    expect(resolvedAt).toBeGreaterThanOrEqual(start + 20.5)
  })
})

describe('capped waits', () => {
  it(`never asks the clock for more than ${MAX_WAIT_MS} ms, for a task due in 2 days`, async () => {
    const clock = createTestClock()
    const registry = new TaskRegistry({ clock, logger: quiet })
    let runs = 0
    const day = 86_400_000
    createTask({ name: 'rare', interval: 2 * day, initialDelay: 2 * day, registry, logger: quiet, run: () => void runs++ }).start()
    expect(clock.timers()[0]?.delay).toBe(MAX_WAIT_MS)
    await clock.advance(2 * day - 1)
    expect(runs).toBe(0)
    await clock.advance(1)
    expect(runs).toBe(1)
    expect(clock.maxDelaySeen).toBeLessThanOrEqual(MAX_WAIT_MS)
    await registry.stopAll()
  }, 30_000)

  it('arms a sleep past the 2^31−1 ms setTimeout limit in capped waits, never firing it at once', async () => {
    const clock = createTestClock()
    let done: boolean | undefined
    void sleep(2 ** 31 + 5, undefined, { clock }).then((value) => (done = value))
    expect(clock.timers()[0]?.delay).toBe(MAX_WAIT_MS)
    // A runtime handed 2^31 ms would fire at once; here ten capped waits pass and it still sleeps.
    await clock.advance(10 * MAX_WAIT_MS)
    expect(done).toBeUndefined()
    expect(clock.armedTimers).toBe(1)
    expect(clock.maxDelaySeen).toBeLessThanOrEqual(MAX_WAIT_MS)
  })
})

describe('aborted sleeps leave nothing behind', () => {
  it('removes the heap entry, the timer and the listener of each aborted sleep', async () => {
    const clock = createTestClock()
    const queue = timerQueueFor(clock)
    const longLived = new AbortController()
    // Hundreds of sleeps wait on it at once on purpose; silence Node's leak heuristic.
    setMaxListeners(0, longLived.signal)
    const results: Promise<boolean>[] = []
    for (let i = 0; i < 1_000; i++) {
      const own = new AbortController()
      // Half listen on a long-lived signal, half on their own.
      const signal = i % 2 === 0 ? longLived.signal : own.signal
      results.push(sleep(60_000 + i, signal, { clock }))
      if (i % 2 === 1) own.abort()
    }
    expect(queue.size).toBe(500)
    expect(getEventListeners(longLived.signal, 'abort')).toHaveLength(500)
    longLived.abort()
    expect(await Promise.all(results)).toEqual(results.map(() => false))
    expect(queue.size).toBe(0)
    expect(clock.armedTimers).toBe(0)
    expect(getEventListeners(longLived.signal, 'abort')).toHaveLength(0)
  })

  it('leaves no listener on a long-lived signal after 10,000 completed sleeps', async () => {
    const clock = createTestClock()
    const signal = new AbortController().signal
    setMaxListeners(0, signal)
    for (let i = 0; i < 100; i++) {
      const batch = Array.from({ length: 100 }, (_, j) => sleep(j % 7, signal, { clock }))
      await clock.advance(7)
      await Promise.all(batch)
    }
    expect(getEventListeners(signal, 'abort')).toHaveLength(0)
    expect(timerQueueFor(clock).size).toBe(0)
  })

  it('removes every sleep entry when stop() aborts the runs sleeping in them', async () => {
    const clock = createTestClock()
    const registry = new TaskRegistry({ clock, logger: quiet })
    for (let i = 0; i < 20; i++) {
      createTask({ name: `s${i}`, interval: 10, registry, logger: quiet, run: ({ signal }) => sleep(1_000_000, signal, { clock }).then(() => undefined) })
    }
    registry.startAll()
    await clock.advance(1)
    // 20 runs in flight, each sleeping: one heap entry per sleep.
    expect(timerQueueFor(clock).size).toBe(20)
    await registry.stopAll()
    expect(timerQueueFor(clock).size).toBe(0)
    expect(clock.armedTimers).toBe(0)
  })
})

describe('no uncancellable timers or composed signals per run', () => {
  it('uses neither AbortSignal.timeout nor AbortSignal.any for run timeouts', async () => {
    const timeout = vi.spyOn(AbortSignal, 'timeout')
    const any = 'any' in AbortSignal ? vi.spyOn(AbortSignal as unknown as { any: (signals: AbortSignal[]) => AbortSignal }, 'any') : undefined
    const clock = createTestClock()
    const registry = new TaskRegistry({ clock, logger: quiet })
    let runs = 0
    createTask({
      name: 'bounded',
      interval: 5,
      timeout: 50,
      registry,
      logger: quiet,
      run: async ({ signal }) => {
        runs++
        await sleep(1, signal, { clock })
      },
    }).start()
    await clock.advance(500)
    await registry.stopAll()
    expect(runs).toBeGreaterThan(50)
    expect(timeout).not.toHaveBeenCalled()
    expect(any?.mock.calls ?? []).toHaveLength(0)
  })
})
