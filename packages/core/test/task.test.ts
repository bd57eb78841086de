import { beforeEach, describe, expect, it } from 'vitest'
import { IrrecoverableError, TaskStoppedError, TimeoutError, type RunContext, type TaskEvent } from '../src/index.ts'
import { deferred, setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup()
})

describe('start()', () => {
  it('runs at once, then `interval` after each run ends (fixed delay)', async () => {
    const starts: number[] = []
    const task = env.make({
      name: 'fd',
      interval: 100,
      run: async () => {
        starts.push(env.clock.now())
        await new Promise<void>((resolve) => env.clock.setTimeout(resolve, 30))
      },
    })
    expect(task.start()).toBe(true)
    await env.clock.advance(400)
    expect(starts).toEqual([0, 130, 260, 390])
  })

  it('returns false when the loop is already running', () => {
    const task = env.make({ name: 't' })
    expect(task.start()).toBe(true)
    expect(task.start()).toBe(false)
  })

  it('waits initialDelay before the first run', async () => {
    const starts: number[] = []
    const task = env.make({ name: 't', initialDelay: 250, run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(249)
    expect(starts).toEqual([])
    await env.clock.advance(1)
    expect(starts).toEqual([250])
  })

  it('never overlaps runs of one task, even when a run outlasts the interval', async () => {
    let inFlight = 0
    let maxInFlight = 0
    const task = env.make({
      name: 'slow',
      interval: 10,
      run: async () => {
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        await new Promise<void>((resolve) => env.clock.setTimeout(resolve, 55))
        inFlight--
      },
    })
    task.start()
    task.trigger()
    task.trigger()
    await env.clock.advance(1000)
    expect(maxInFlight).toBe(1)
    expect(task.status().totalRuns).toBeGreaterThan(10)
  })
})

describe('stop()', () => {
  it('interrupts the wait at once and leaves no timer armed', async () => {
    const task = env.make({ name: 't', interval: 60_000 })
    task.start()
    await env.clock.advance(10)
    expect(env.clock.armedTimers).toBe(1)
    await expect(task.stop()).resolves.toBe(true)
    expect(task.state).toBe('stopped')
    expect(env.clock.armedTimers).toBe(0)
  })

  it('aborts the running run with a TaskStoppedError and resolves when it settles', async () => {
    let reason: unknown
    const task = env.make({
      name: 't',
      run: ({ signal }) =>
        new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => {
            reason = signal.reason
            resolve()
          }),
        ),
    })
    task.start()
    await env.clock.advance(1)
    expect(task.state).toBe('running')
    await expect(task.stop()).resolves.toBe(true)
    expect(reason).toBeInstanceOf(TaskStoppedError)
  })

  it('aborts a signal the run reads only after stop() was called', async () => {
    const gate = deferred()
    let seen: AbortSignal | undefined
    const task = env.make({
      name: 't',
      run: async (ctx: RunContext) => {
        await gate.promise
        seen = ctx.signal
      },
    })
    task.start()
    await env.clock.advance(0)
    const stopping = task.stop()
    gate.resolve()
    await expect(stopping).resolves.toBe(true)
    expect(seen?.aborted).toBe(true)
  })

  it('resolves false within its timeout when a run ignores its signal, and no run starts after', async () => {
    let runs = 0
    const task = env.make({ name: 'hang', run: () => { runs++; return new Promise(() => {}) } })
    task.start()
    await env.clock.advance(1)
    let result: boolean | undefined
    void task.stop({ timeout: 200 }).then((value) => (result = value))
    await env.clock.advance(199)
    expect(result).toBeUndefined()
    await env.clock.advance(1)
    expect(result).toBe(false)
    await env.clock.advance(10_000)
    expect(runs).toBe(1)
    expect(task.isRunning).toBe(false)
  })

  it('is idempotent', async () => {
    const task = env.make({ name: 't' })
    task.start()
    await expect(task.stop()).resolves.toBe(true)
    await expect(task.stop()).resolves.toBe(true)
    expect(task.status().stopReason).toMatch(/stop\(\)/)
  })

  it('lets the task start again without overlapping the draining run', async () => {
    const gate = deferred()
    let inFlight = 0
    let max = 0
    const task = env.make({
      name: 't',
      interval: 10,
      run: async () => {
        inFlight++
        max = Math.max(max, inFlight)
        await gate.promise
        inFlight--
      },
    })
    task.start()
    await env.clock.advance(1)
    void task.stop({ timeout: 50 })
    expect(task.start()).toBe(true)
    await env.clock.advance(100)
    expect(max).toBe(1)
    gate.resolve()
    await env.clock.advance(100)
    expect(task.status().totalRuns).toBeGreaterThan(2)
    expect(max).toBe(1)
  })
})

describe('timeout', () => {
  it('aborts the signal with a TimeoutError and records a failed run', async () => {
    let reason: unknown
    const task = env.make({
      name: 'slow',
      timeout: 50,
      run: ({ signal }) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            reason = signal.reason
            resolve()
          })
        }),
    })
    task.start()
    await env.clock.advance(50)
    expect(reason).toBeInstanceOf(TimeoutError)
    const summary = task.history[0]!
    expect(summary.success).toBe(false)
    expect(summary.message).toBe('timed out after 50 ms')
    expect(summary.durationMs).toBe(50)
    expect(summary.error?.name).toBe('TimeoutError')
    expect(task.status().failedRuns).toBe(1)
  })

  it('marks a run that ignores its timeout as stalled (not active), then recovers when it settles', async () => {
    const gate = deferred()
    const task = env.make({ name: 'stuck', timeout: 50, run: () => gate.promise })
    task.start()
    await env.clock.advance(10)
    expect(task.isActive).toBe(true)
    await env.clock.advance(100)
    expect(task.isRunning).toBe(true)
    expect(task.isActive).toBe(false)
    gate.resolve()
    await env.clock.flush()
    expect(task.isActive).toBe(true)
    expect(task.status().totalRuns).toBe(1)
  })

  it('without a timeout, stalls only after several intervals', async () => {
    const task = env.make({ name: 'stuck', interval: 100, run: () => new Promise(() => {}) })
    task.start()
    await env.clock.advance(300)
    expect(task.isActive).toBe(true)
    await env.clock.advance(1)
    expect(task.isActive).toBe(false)
  })
})

describe('errors', () => {
  it('records a thrown error, reports it to onError, and goes on', async () => {
    const seen: unknown[] = []
    let n = 0
    const task = env.make({
      name: 'flaky',
      interval: 10,
      onError: (error, summary) => seen.push([error, summary.runIndex]),
      run: () => {
        if (n++ % 2 === 0) throw new Error('boom')
        return { message: 'ok', extra: { n } }
      },
    })
    task.start()
    await env.clock.advance(35)
    const status = task.status()
    expect(status.totalRuns).toBe(4)
    expect(status.failedRuns).toBe(2)
    expect(status.successRate).toBe(0.5)
    expect(status.state).toBe('scheduled')
    expect(seen).toHaveLength(2)
    expect(task.history[0]?.error).toMatchObject({ name: 'Error', message: 'boom' })
    expect(task.history[0]?.error?.stack).toContain('boom')
    expect(task.history[1]).toMatchObject({ success: true, message: 'ok', extra: { n: '2' } })
  })

  it('warns through the logger with a [tickwork] prefix when there is no onError', async () => {
    const task = env.make({ name: 'bad', run: () => Promise.reject(new Error('nope')) })
    task.start()
    await env.clock.advance(1)
    expect(String(env.warnings[0]?.[0])).toMatch(/^\[tickwork\] task "bad": run 0 failed: nope/)
  })

  it('stops the loop with state failed and a stopReason on IrrecoverableError', async () => {
    let runs = 0
    const task = env.make({
      name: 'doomed',
      interval: 10,
      run: () => {
        if (++runs === 3) throw new IrrecoverableError('credentials revoked')
      },
    })
    task.start()
    await env.clock.advance(1000)
    expect(runs).toBe(3)
    const status = task.status()
    expect(status.state).toBe('failed')
    expect(status.isRunning).toBe(false)
    expect(status.stopReason).toBe('IrrecoverableError: credentials revoked')
    expect(env.clock.armedTimers).toBe(0)
  })

  it('records success: false results as failures without an error', async () => {
    const task = env.make({ name: 'soft', run: () => ({ success: false, message: 'quota' }) })
    task.trigger()
    await env.clock.flush()
    expect(task.history[0]).toMatchObject({ success: false, message: 'quota' })
    expect(task.history[0]?.error).toBeUndefined()
    expect(task.status().failedRuns).toBe(1)
  })

  it('records malformed results and thrown non-errors sensibly', async () => {
    const results: unknown[] = [
      { extra: { count: 3, nested: { a: 1 }, flag: true, nothing: null } },
      'plain message',
      42,
    ]
    const task = env.make({ name: 'odd', run: () => results.shift() as never })
    task.trigger(); await env.clock.flush()
    task.trigger(); await env.clock.flush()
    task.trigger(); await env.clock.flush()
    expect(task.history.map((s) => [s.success, s.message, s.extra])).toEqual([
      [true, '', { count: '3', nested: '{"a":1}', flag: 'true', nothing: 'null' }],
      [true, 'plain message', {}],
      [true, 'returned `42` (number)', {}],
    ])
    const thrower = env.make({ name: 'str', run: () => { throw 'a string' } })
    thrower.trigger()
    const rejecter = env.make({ name: 'rej', run: () => Promise.reject(7) })
    rejecter.trigger()
    await env.clock.flush()
    expect(thrower.history[0]?.error).toEqual({ name: 'NonErrorThrown', message: 'threw `"a string"` (string)' })
    expect(rejecter.history[0]?.error).toEqual({ name: 'NonErrorThrown', message: 'threw `7` (number)' })
  })

  it('survives an onError and a logger that throw', async () => {
    const task = env.make({
      name: 'loud',
      interval: 10,
      logger: { warn: () => { throw new Error('logger down') } },
      onError: () => { throw new Error('handler down') },
      run: () => { throw new Error('fail') },
    })
    task.start()
    await env.clock.advance(50)
    expect(task.status().totalRuns).toBe(6)
    expect(task.isRunning).toBe(true)
  })
})

describe('trigger()', () => {
  it('runs now, interrupting the wait', async () => {
    const starts: number[] = []
    const task = env.make({ name: 't', interval: 1000, run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(300)
    task.trigger()
    await env.clock.flush()
    expect(starts).toEqual([0, 300])
    expect(task.history[1]?.trigger).toBe('manual')
    await env.clock.advance(1000)
    expect(starts).toEqual([0, 300, 1300])
  })

  it('coalesces calls during a run into one extra run afterwards', async () => {
    const gate = deferred()
    let runs = 0
    const task = env.make({ name: 't', interval: 10_000, run: async () => { runs++; if (runs === 1) await gate.promise } })
    task.start()
    await env.clock.flush()
    task.trigger()
    task.trigger()
    task.trigger()
    gate.resolve()
    await env.clock.flush()
    expect(runs).toBe(2)
  })

  it('runs once on an idle task without starting its schedule', async () => {
    let runs = 0
    const task = env.make({ name: 't', run: () => void runs++ })
    task.trigger()
    await env.clock.advance(10_000)
    expect(runs).toBe(1)
    expect(task.state).toBe('idle')
  })
})

describe('pause() and resume()', () => {
  it('hold the schedule and continue it', async () => {
    const starts: number[] = []
    const task = env.make({ name: 't', interval: 100, run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(50)
    task.pause()
    expect(task.state).toBe('paused')
    expect(task.isRunning).toBe(true)
    expect(env.clock.armedTimers).toBe(0)
    await env.clock.advance(500)
    expect(starts).toEqual([0])
    task.resume()
    await env.clock.advance(0)
    expect(starts).toEqual([0, 550])
  })

  it('resume before the due time keeps the original slot', async () => {
    const starts: number[] = []
    const task = env.make({ name: 't', interval: 100, run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(20)
    task.pause()
    await env.clock.advance(20)
    task.resume()
    await env.clock.advance(100)
    expect(starts).toEqual([0, 100])
  })
})

describe('maxRuns and until', () => {
  it('maxRuns ends the loop with state completed', async () => {
    const task = env.make({ name: 't', interval: 10, maxRuns: 3 })
    task.start()
    await env.clock.advance(1000)
    expect(task.status()).toMatchObject({ state: 'completed', totalRuns: 3, isRunning: false })
    expect(task.status().stopReason).toMatch(/maxRuns \(3\)/)
    expect(env.clock.armedTimers).toBe(0)
  })

  it('until ends the loop before a run would start after it', async () => {
    const task = env.make({ name: 't', interval: 100, until: 250 })
    task.start()
    await env.clock.advance(1000)
    expect(task.status()).toMatchObject({ state: 'completed', totalRuns: 3 })
  })
})

describe('history and status', () => {
  it('keeps a ring buffer of historySize summaries', async () => {
    const task = env.make({ name: 't', interval: 10, historySize: 3, run: ({ runIndex }) => `run ${runIndex}` })
    task.start()
    await env.clock.advance(55)
    expect(task.status().totalRuns).toBe(6)
    expect(task.history.map((s) => s.message)).toEqual(['run 3', 'run 4', 'run 5'])
  })

  it('records lateness, trigger and run index', async () => {
    const task = env.make({ name: 't', interval: 10, run: () => {} })
    task.start()
    await env.clock.advance(10)
    expect(task.history).toEqual([
      { timestamp: 0, durationMs: 0, success: true, message: '', extra: {}, runIndex: 0, lateMs: 0, trigger: 'schedule' },
      { timestamp: 10, durationMs: 0, success: true, message: '', extra: {}, runIndex: 1, lateMs: 0, trigger: 'schedule' },
    ])
  })

  it('passes name, runIndex, scheduledAt and attempt in the context', async () => {
    const seen: Omit<RunContext, 'signal' | 'fence'>[] = []
    let fail = true
    const task = env.make({
      name: 'ctx',
      interval: 10,
      onError: () => {},
      run: ({ name, runIndex, scheduledAt, attempt }) => {
        seen.push({ name, runIndex, scheduledAt, attempt })
        if (fail) throw new Error('x')
      },
    })
    task.start()
    await env.clock.advance(10)
    fail = false
    await env.clock.advance(20)
    expect(seen).toEqual([
      { name: 'ctx', runIndex: 0, scheduledAt: 0, attempt: 1 },
      { name: 'ctx', runIndex: 1, scheduledAt: 10, attempt: 2 },
      { name: 'ctx', runIndex: 2, scheduledAt: 20, attempt: 3 },
      { name: 'ctx', runIndex: 3, scheduledAt: 30, attempt: 1 },
    ])
  })

  it('successRate is null before the first run', () => {
    expect(env.make({ name: 't' }).status()).toMatchObject({ successRate: null, state: 'idle', nextRunAt: null, lastSummary: null })
  })

  it('sends stateChanged, runStarted and runFinished events in order', async () => {
    const events: string[] = []
    const task = env.make({ name: 't', interval: 10, maxRuns: 1 })
    task.subscribe((event: TaskEvent) => events.push(event.type === 'stateChanged' ? `state:${event.state}` : event.type))
    task.start()
    await env.clock.advance(10)
    expect(events).toEqual(['state:scheduled', 'state:running', 'runStarted', 'runFinished', 'state:completed'])
  })

  it('clearHistory() empties the history and keeps the stats', async () => {
    const task = env.make({ name: 't' })
    task.trigger()
    await env.clock.flush()
    task.clearHistory()
    expect(task.history).toEqual([])
    expect(task.status().totalRuns).toBe(1)
  })
})

describe('update()', () => {
  it('re-plans the current wait from the end of the previous run with a new interval', async () => {
    const starts: number[] = []
    const task = env.make({ name: 't', interval: 1000, run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(10)
    task.update({ interval: 50 })
    await env.clock.advance(100)
    expect(starts).toEqual([0, 50, 100])
  })

  it('keeps the previous configuration when a value is bad', () => {
    const task = env.make({ name: 't', interval: 1000, level: 'high' })
    expect(() => task.update({ level: 'urgent' as never, interval: 5 })).toThrow(/level must be one of/)
    expect(task.status()).toMatchObject({ level: 'high', interval: 1000 })
  })
})
