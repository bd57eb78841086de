import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cron } from '../src/cron.ts'
import { fixedRate, IrrecoverableError, jitter, TaskRegistry, type Clock, type Schedule } from '../src/index.ts'
import { createTestClock, TimerQueue } from '../src/testing.ts'
import { seededRandom, setup } from './helpers.ts'

const HOUR = 3_600_000
let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup()
})

/** A run that takes `ms` on the virtual clock. */
const takes = (ms: number) => () => new Promise<void>((resolve) => env.clock.setTimeout(resolve, ms))

describe('pause during a run', () => {
  it('keeps the due time the run leads to: resume before it waits for it (fixed delay: end + interval)', async () => {
    const starts: number[] = []
    const task = env.make({ name: 't', interval: 100, run: () => (starts.push(env.clock.now()), takes(50)()) })
    task.start()
    await env.clock.advance(10)
    task.pause()
    await env.clock.advance(90)
    task.resume()
    await env.clock.advance(100)
    expect(starts).toEqual([0, 150])
  })

  it('resume after the due time runs once at once, not once per missed interval', async () => {
    const starts: number[] = []
    const task = env.make({ name: 't', interval: 100, run: () => (starts.push(env.clock.now()), takes(50)()) })
    task.start()
    await env.clock.advance(10)
    task.pause()
    await env.clock.advance(490)
    expect(starts).toEqual([0])
    task.resume()
    await env.clock.advance(0)
    expect(starts).toEqual([0, 500])
  })

  it('fixed rate returns to its grid after a pause and counts the slots that passed', async () => {
    const starts: number[] = []
    const task = env.make({ name: 't', schedule: fixedRate(100), run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(30)
    task.pause()
    await env.clock.advance(1020)
    task.resume()
    await env.clock.advance(160)
    expect(starts).toEqual([0, 1050, 1100, 1200])
    expect(task.status().skippedRuns).toBe(9)
  })
})

describe('update() and what is armed', () => {
  it('a new interval before the first run keeps initialDelay', async () => {
    const starts: number[] = []
    const task = env.make({ name: 't', interval: 1000, initialDelay: 500, run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(100)
    task.update({ interval: 50 })
    await env.clock.advance(460)
    expect(starts).toEqual([500, 550])
  })

  it('maxRuns lowered to the runs already done ends the loop completed at once', async () => {
    let runs = 0
    const task = env.make({ name: 't', interval: 100, run: () => void runs++ })
    task.start()
    await env.clock.advance(150)
    task.update({ maxRuns: 2 })
    expect(task.state).toBe('completed')
    await env.clock.advance(1000)
    expect(runs).toBe(2)
  })

  it('until moved before the armed run cancels it and ends completed', async () => {
    let runs = 0
    const task = env.make({ name: 't', interval: 100, run: () => void runs++ })
    task.start()
    await env.clock.advance(50)
    task.update({ until: env.clock.wallNow() + 10 })
    expect(task.state).toBe('completed')
    expect(task.status().stopReason).toMatch(/until/)
    await env.clock.advance(1000)
    expect(runs).toBe(1)
  })

  it('changes during a run apply from the next wait', async () => {
    const starts: number[] = []
    const task = env.make({ name: 't', interval: 100, run: () => (starts.push(env.clock.now()), takes(20)()) })
    task.start()
    await env.clock.advance(10)
    task.update({ interval: 300 })
    await env.clock.advance(400)
    expect(starts).toEqual([0, 320])
  })
})

describe('wall-clock jumps', () => {
  it('interval tasks keep their cadence when the wall clock goes back or forward 1 h', async () => {
    let runs = 0
    const task = env.make({ name: 't', interval: 50, run: () => void runs++ })
    task.start()
    await env.clock.advance(100)
    env.clock.jumpWall(-HOUR)
    await env.clock.advance(500)
    env.clock.jumpWall(2 * HOUR)
    await env.clock.advance(500)
    expect(runs).toBe(3 + 10 + 10)
    expect(task.status().skippedRuns).toBe(0)
  })

  it('fixed rate makes no burst and counts no slots for a wall step', async () => {
    const starts: number[] = []
    const task = env.make({ name: 't', schedule: fixedRate(100), run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(250)
    env.clock.jumpWall(HOUR)
    await env.clock.advance(300)
    expect(starts).toEqual([0, 100, 200, 300, 400, 500])
    expect(task.status().skippedRuns).toBe(0)
  })

  it('nextRunAt is converted to the wall clock at the moment it is read', async () => {
    const task = env.make({ name: 't', interval: 1000 })
    task.start()
    await env.clock.advance(100)
    expect(task.status().nextRunAt).toBe(env.clock.wallNow() + 900)
    env.clock.jumpWall(-HOUR)
    expect(task.status().nextRunAt).toBe(env.clock.wallNow() + 900)
  })

  it('nextRunAt is the same number on every read while the wall clock holds (snapshots compare equal)', async () => {
    // Real clocks' two readings drift apart by fractions of a millisecond between calls.
    let drift = 0
    const clock: Clock = { ...env.clock, wallNow: () => env.clock.wallNow() + (drift += 0.013) }
    const registry = new TaskRegistry({ clock, logger: env.logger })
    const task = (await import('../src/index.ts')).createTask({ name: 't', interval: 1000, registry, run: () => {} })
    task.start()
    await env.clock.advance(1)
    const first = task.status().nextRunAt
    expect(task.status().nextRunAt).toBe(first)
    await env.clock.advance(3)
    expect(task.status().nextRunAt).toBe(first)
    // A real step (here 1 h back) shows at once.
    env.clock.jumpWall(-HOUR)
    expect(task.status().nextRunAt).toBeCloseTo((first as number) - HOUR, 0)
  })

  it('cron re-plans to its next wall-clock slot after the wall clock goes back 1 h', async () => {
    env = setup(Date.UTC(2026, 0, 1, 12, 0, 10))
    const starts: number[] = []
    const task = env.make({ name: 'c', schedule: cron('* * * * *'), run: () => void starts.push(env.clock.wallNow()) })
    task.start()
    await env.clock.advance(60_000)
    expect(starts).toEqual([Date.UTC(2026, 0, 1, 12, 1)])
    env.clock.jumpWall(-HOUR)
    // Within a minute and a safety wake (≤ 30 s), not an hour.
    await env.clock.advance(90_000)
    expect(starts.slice(1)).toEqual([Date.UTC(2026, 0, 1, 11, 2)])
  })

  it('cron after the wall clock goes forward 1 h runs at most once to catch up and counts the skipped slots once', async () => {
    env = setup(Date.UTC(2026, 0, 1, 12, 0, 10))
    const starts: number[] = []
    const task = env.make({ name: 'c', schedule: cron('* * * * *'), run: () => void starts.push(env.clock.wallNow()) })
    task.start()
    await env.clock.advance(60_000)
    env.clock.jumpWall(HOUR)
    await env.clock.advance(150_000)
    // The safety wake re-plans to the next slot after the new wall time; the 60 minutes passed over are counted once.
    expect(starts.length).toBeLessThanOrEqual(1 + 3)
    expect(task.status().skippedRuns).toBeGreaterThanOrEqual(59)
    expect(task.status().skippedRuns).toBeLessThanOrEqual(61)
  })

  it('until is judged on the wall clock: a step past it ends the loop at the next safety wake with no run', async () => {
    let runs = 0
    const task = env.make({ name: 't', interval: 60_000, until: env.clock.wallNow() + HOUR, run: () => void runs++ })
    task.start()
    await env.clock.advance(1000)
    expect(runs).toBe(1)
    env.clock.jumpWall(2 * HOUR)
    await env.clock.advance(30_000)
    expect(task.state).toBe('completed')
    expect(runs).toBe(1)
  })
})

describe('never early', () => {
  it('a fixed-delay run starts no earlier than the true end of the previous run plus interval, in sub-ms time', async () => {
    const clock = createTestClock({ now: 0.25 })
    const registry = new TaskRegistry({ clock })
    const starts: number[] = []
    const ends: number[] = []
    registry.subscribe((event) => {
      if (event.type === 'runFinished') ends.push(clock.now())
    })
    const task = registry.register(
      (await import('../src/index.ts')).createTask({
        name: 't',
        interval: 10,
        autoRegister: false,
        registry,
        run: () => {
          starts.push(clock.now())
          return new Promise<void>((resolve) => clock.setTimeout(resolve, 0.37))
        },
      }),
    )
    task.start()
    await clock.advance(100)
    for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThanOrEqual((ends[i - 1] as number) + 10)
    expect(starts.length).toBeGreaterThan(5)
  })

  it('the timer queue never fires before a deadline when the runtime wakes it early, with at most one hop per wake', () => {
    let now = 0
    const timers: { at: number; callback: () => void }[] = []
    const hops: (() => void)[] = []
    let hopCount = 0
    // Timers fire 0.6 ms early, as Node's whole-ms timers can against performance.now().
    const early: Clock = {
      now: () => now,
      wallNow: () => now,
      setTimeout: (callback, ms) => timers.push({ at: now + Math.max(0, ms - 0.6), callback }),
      clearTimeout: () => {},
      hop: (callback) => {
        hopCount++
        hops.push(callback)
      },
    }
    const queue = new TimerQueue(early)
    const fired: number[] = []
    queue.schedule(10.3, () => fired.push(now))
    for (let step = 0; step < 20 && fired.length === 0; step++) {
      const hop = hops.shift()
      if (hop !== undefined) {
        now += 0.05
        hop()
        continue
      }
      timers.sort((a, b) => a.at - b.at)
      const timer = timers.shift()
      if (timer === undefined) break
      now = Math.max(now, timer.at)
      timer.callback()
    }
    expect(fired).toHaveLength(1)
    expect(fired[0]).toBeGreaterThanOrEqual(10.3)
    expect(hopCount).toBeLessThanOrEqual(1)
  })
})

describe('keepAlive: false', () => {
  it('no timer of the task holds the process: not its wait, not its run timeout, not a stop() wait', async () => {
    const task = env.make({ name: 't', interval: 100, keepAlive: false, timeout: 1000, run: () => new Promise(() => {}) })
    task.start()
    await env.clock.advance(0)
    expect(env.clock.timers().length).toBeGreaterThan(0)
    expect(env.clock.timers().every((timer) => timer.unref)).toBe(true)
    const stopped = task.stop({ timeout: 500 })
    expect(env.clock.timers().every((timer) => timer.unref)).toBe(true)
    await env.clock.advance(500)
    expect(await stopped).toBe(false)
  })
})

describe('user callbacks that throw or reject', () => {
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
  beforeEach(() => {
    unhandled.length = 0
    process.on('unhandledRejection', onUnhandled)
  })
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled)
  })

  it('an async onError, task listener, registry listener and logger that reject are reported, and the loop goes on', async () => {
    const reported: string[] = []
    const logger = {
      warn: (message: string) => {
        reported.push(message)
        if (message.includes('onError')) return Promise.reject(new Error('logger rejects too'))
        return undefined
      },
    }
    const registry = new TaskRegistry({ clock: env.clock, logger })
    registry.subscribe(async () => {
      throw new Error('registry listener')
    })
    const task = (await import('../src/index.ts')).createTask({
      name: 't',
      interval: 100,
      registry,
      logger,
      onError: async () => {
        throw new Error('onError rejects')
      },
      run: () => {
        throw new Error('run fails')
      },
    })
    task.subscribe(async () => {
      throw new Error('task listener')
    })
    task.start()
    await env.clock.advance(250)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(task.status().totalRuns).toBe(3)
    expect(reported.some((m) => /onError rejected/.test(m))).toBe(true)
    expect(reported.some((m) => /registry: a \w+ listener rejected/.test(m))).toBe(true)
    expect(reported.some((m) => /task "t": a \w+ listener rejected/.test(m))).toBe(true)
    expect(unhandled).toEqual([])
  })

  it('a schedule whose next() throws ends the loop failed, reported once', async () => {
    const schedule: Schedule = { interval: 100, next: ({ runCount, now }) => (runCount < 2 ? now + 100 : (() => { throw new Error('broken') })()) }
    const task = env.make({ name: 't', schedule })
    task.start()
    await env.clock.advance(1000)
    expect(task.state).toBe('failed')
    expect(task.status().stopReason).toMatch(/schedule.next\(\) threw Error: broken/)
    expect(env.warnings.filter((w) => /schedule.next\(\) threw/.test(String(w[0])))).toHaveLength(1)
  })
})

describe('IrrecoverableError', () => {
  it('is recognised by class, including subclasses with their own name', async () => {
    class SignedOut extends IrrecoverableError {
      override name = 'SignedOut'
    }
    const task = env.make({ name: 't', interval: 100, onError: () => {}, run: () => { throw new SignedOut('token revoked') } })
    task.start()
    await env.clock.advance(500)
    expect(task.state).toBe('failed')
    expect(task.status().totalRuns).toBe(1)
    expect(task.status().stopReason).toBe('SignedOut: token revoked')
  })

  it('is recognised from another copy of the package through its Symbol.for brand', async () => {
    const foreign = Object.assign(Object.create({ [Symbol.for('tickwork.irrecoverable')]: true }), { name: 'IrrecoverableError', message: 'other copy' })
    const task = env.make({ name: 't', interval: 100, onError: () => {}, run: () => { throw foreign } })
    task.start()
    await env.clock.advance(300)
    expect(task.state).toBe('failed')
  })
})

describe('triggers', () => {
  it('a sync run that triggers itself 10,000 times never grows the stack nor stays running', async () => {
    let runs = 0
    const task = env.make({ name: 't', interval: 1_000_000, run: () => { if (++runs < 10_000) task.trigger() } })
    task.trigger()
    for (let i = 0; i < 300 && runs < 10_000; i++) await env.clock.flush()
    expect(runs).toBe(10_000)
    expect(task.state).toBe('idle')
    expect(task.status().totalRuns).toBe(10_000)
  })
})

describe('schedules are stateless descriptions', () => {
  it('one jitter(fixedRate) object shared by two tasks keeps each on its own grid', async () => {
    const shared = jitter(fixedRate(1000), 0.3, { random: seededRandom(7) })
    const starts: Record<string, number[]> = { a: [], b: [] }
    for (const name of ['a', 'b'] as const) env.make({ name, schedule: shared, run: () => void starts[name]?.push(env.clock.now()) }).start()
    await env.clock.advance(30_000)
    for (const name of ['a', 'b'] as const) {
      const runs = starts[name] as number[]
      expect(runs.length).toBeGreaterThanOrEqual(28)
      // Every run within ±30 % of a grid slot: no drift.
      for (const at of runs) expect(Math.abs(at - Math.round(at / 1000) * 1000)).toBeLessThanOrEqual(300 + 1e-6)
    }
  })
})

describe('schedule.next() answers', () => {
  it('takes a Date as its epoch ms', async () => {
    const starts: number[] = []
    const schedule: Schedule = { interval: null, next: ({ wallNow }) => new Date(wallNow + 250) }
    const task = env.make({ name: 't', schedule, run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(600)
    expect(starts).toEqual([250, 500])
    expect(task.state).toBe('scheduled')
  })

  it.each([
    ['NaN', Number.NaN, '`NaN` (number)'],
    ['a string', '100', '`"100"` (string)'],
    ['an object', { at: 5 }, '`{"at":5}` (object)'],
  ])('ends the loop failed on %s, quoting the value in stopReason and a warning', async (_label, value, quoted) => {
    const schedule = { interval: null, next: () => value } as unknown as Schedule
    const task = env.make({ name: 't', schedule })
    task.start()
    expect(task.state).toBe('failed')
    expect(task.status().stopReason).toContain(quoted)
    expect(env.warnings.some((w) => String(w[0]).includes(quoted))).toBe(true)
  })
})

describe('run history ring', () => {
  it('keeps the newest historySize runs in order, builds summaries when read, and resizes keeping the newest', async () => {
    let n = 0
    const task = env.make({ name: 't', interval: 10, historySize: 3, run: () => ({ message: `run ${n++}`, extra: { n } }) })
    task.start()
    await env.clock.advance(55)
    expect(task.history.map((s) => s.message)).toEqual(['run 3', 'run 4', 'run 5'])
    expect(task.history).toBe(task.history)
    expect(task.history[2]).toEqual(task.status().lastSummary)
    task.update({ historySize: 2 })
    expect(task.history.map((s) => s.runIndex)).toEqual([4, 5])
    task.update({ historySize: 0 })
    await env.clock.advance(20)
    expect(task.history).toEqual([])
    expect(task.status().lastSummary?.message).toBe('run 7')
  })
})

describe('a schedule answering Infinity', () => {
  it('keeps the loop live with nothing armed and no next run until trigger()', async () => {
    let runs = 0
    const task = env.make({ name: 't', schedule: { interval: null, next: ({ runCount, now }) => (runCount === 0 ? now : Number.POSITIVE_INFINITY) }, run: () => void runs++ })
    task.start()
    await env.clock.advance(0)
    expect(runs).toBe(1)
    expect(task.state).toBe('scheduled')
    expect(task.status().nextRunAt).toBeNull()
    expect(env.clock.armedTimers).toBe(0)
    await env.clock.advance(10 * HOUR)
    expect(runs).toBe(1)
    task.trigger()
    expect(runs).toBe(2)
    expect(task.state).toBe('scheduled')
  })
})
