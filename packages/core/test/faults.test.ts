/**
 * Faults: throwing listeners, throwing onError/logger, malformed run results,
 * stop at awkward moments. None may kill the loop or escape as an unhandled
 * rejection or uncaught exception.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTask, TaskRegistry, type Logger, type RegistryEvent, type RunContext, type RunFunction, type Task, type TaskOptions } from '@tickwork/core'
import { createTestClock, type TestClock } from '@tickwork/core/testing'

let clock: TestClock
let registry: TaskRegistry
let warnings: unknown[][]
let logger: Logger
let escaped: unknown[]

const onRejection = (reason: unknown): void => void escaped.push(reason)
const onException = (error: unknown): void => void escaped.push(error)

/** Lets Node report unhandled rejections and queued exceptions (a macrotask turn, no timing involved). */
const settleHost = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

beforeEach(() => {
  clock = createTestClock({ now: 1_000 })
  warnings = []
  logger = { warn: (...args) => void warnings.push(args) }
  registry = new TaskRegistry({ clock, logger })
  escaped = []
  process.on('unhandledRejection', onRejection)
  process.on('uncaughtException', onException)
})

afterEach(async () => {
  await settleHost()
  process.off('unhandledRejection', onRejection)
  process.off('uncaughtException', onException)
  expect(escaped, 'nothing escapes as an unhandled rejection or uncaught exception').toEqual([])
})

function make(options: Partial<TaskOptions> & { name: string }): Task {
  return createTask({ interval: 100, run: () => {}, logger, registry, ...options })
}

/** A task whose first run returns `result`, then plain successes. */
async function firstRunReturning(result: () => ReturnType<RunFunction>, extra: Partial<TaskOptions> = {}): Promise<Task> {
  let calls = 0
  const task = make({ name: 'malformed', run: () => (calls++ === 0 ? result() : undefined), ...extra })
  task.start()
  await clock.advance(250)
  await settleHost()
  return task
}

describe('throwing listeners', () => {
  it('a throwing registry listener does not stop the others or the loop, and is reported', async () => {
    const seen: string[] = []
    registry.subscribe(() => {
      throw new Error('listener one')
    })
    registry.subscribe((event: RegistryEvent) => void seen.push(event.type))
    const task = make({ name: 't' })
    task.start()
    await clock.advance(250)
    expect(task.status().totalRuns).toBe(3)
    expect(seen.filter((type) => type === 'runFinished')).toHaveLength(3)
    expect(warnings.some(([message]) => /registry: a \w+ listener threw/.test(String(message)))).toBe(true)
    expect(warnings.some((args) => args.some((arg) => arg instanceof Error && arg.message === 'listener one'))).toBe(true)
  })

  it('a throwing task listener does not stop the others or the loop, and is reported', async () => {
    const task = make({ name: 't' })
    let finished = 0
    task.subscribe(() => {
      throw new TypeError('task listener')
    })
    task.subscribe((event) => {
      if (event.type === 'runFinished') finished++
    })
    task.start()
    await clock.advance(250)
    expect(finished).toBe(3)
    expect(task.state).toBe('scheduled')
    expect(warnings.some(([message]) => /task "t": a runFinished listener threw/.test(String(message)))).toBe(true)
  })

  it('a listener throwing a non-Error value is reported too', async () => {
    registry.subscribe(() => {
      throw 'plain string'
    })
    const task = make({ name: 't' })
    task.start()
    await clock.advance(0)
    expect(task.status().totalRuns).toBe(1)
    expect(warnings.some((args) => args.includes('plain string'))).toBe(true)
  })

  it('a listener that unsubscribes another during notify does not break the loop', async () => {
    const task = make({ name: 't' })
    let unsubscribeOther = (): void => {}
    task.subscribe(() => unsubscribeOther())
    let calls = 0
    unsubscribeOther = task.subscribe(() => void calls++)
    task.start()
    await clock.advance(250)
    expect(task.status().totalRuns).toBe(3)
  })
})

describe('throwing onError and logger', () => {
  it('an onError that throws does not kill the loop; the logger hears about it', async () => {
    const task = make({
      name: 't',
      run: () => {
        throw new Error('run failed')
      },
      onError: () => {
        throw new Error('onError failed')
      },
    })
    task.start()
    await clock.advance(250)
    expect(task.status()).toMatchObject({ totalRuns: 3, failedRuns: 3, state: 'scheduled' })
    expect(warnings.filter(([message]) => /onError threw/.test(String(message)))).toHaveLength(3)
  })

  it('a logger that throws does not kill the loop', async () => {
    const throwingLogger: Logger = {
      warn: () => {
        throw new Error('logger down')
      },
    }
    const task = createTask({
      name: 't',
      interval: 100,
      registry,
      logger: throwingLogger,
      run: () => {
        throw new Error('run failed')
      },
    })
    task.subscribe(() => {
      throw new Error('listener too')
    })
    task.start()
    await clock.advance(250)
    expect(task.status()).toMatchObject({ totalRuns: 3, failedRuns: 3, state: 'scheduled' })
  })

  it('a registry whose logger throws survives throwing listeners', async () => {
    const brokenRegistry = new TaskRegistry({
      clock,
      logger: {
        warn: () => {
          throw new Error('logger down')
        },
      },
    })
    brokenRegistry.subscribe(() => {
      throw new Error('listener')
    })
    const task = createTask({ name: 't', interval: 100, registry: brokenRegistry, logger, run: () => {} })
    task.start()
    await clock.advance(250)
    expect(task.status().totalRuns).toBe(3)
  })

  it('onError and logger both throwing still leave the loop running', async () => {
    const task = createTask({
      name: 't',
      interval: 100,
      registry,
      logger: {
        warn: () => {
          throw new Error('logger down')
        },
      },
      onError: () => {
        throw new Error('onError down')
      },
      run: () => Promise.reject(new Error('nope')),
    })
    task.start()
    await clock.advance(250)
    expect(task.status()).toMatchObject({ totalRuns: 3, failedRuns: 3 })
  })
})

describe('malformed run results', () => {
  it('stores extra values that are not strings as strings', async () => {
    const circular: Record<string, unknown> = {}
    circular['self'] = circular
    const task = await firstRunReturning(() => ({
      message: 'ok',
      extra: { n: 42, b: true, o: { a: 1 }, nil: null, undef: undefined, big: 10n, circular, fn: () => 1, err: new RangeError('r') },
    }) as never)
    const summary = task.history[0]!
    expect(summary.success).toBe(true)
    for (const value of Object.values(summary.extra)) expect(typeof value).toBe('string')
    expect(summary.extra).toMatchObject({ n: '42', b: 'true', o: '{"a":1}', nil: 'null', big: '10', err: 'RangeError: r' })
    expect(task.status().totalRuns).toBe(3)
  })

  it('records a non-object extra and a non-string message without throwing', async () => {
    const task = await firstRunReturning(() => ({ extra: 'just text', message: { nested: true } }) as never)
    expect(task.history[0]).toMatchObject({ success: true, message: '{"nested":true}', extra: { extra: 'just text' } })
  })

  it('records a rejected non-Error value as a failure', async () => {
    for (const value of [42, undefined, null, { code: 7 }, 'text']) {
      const task = make({ name: `reject-${String(value)}`, run: () => Promise.reject(value) })
      task.trigger()
      await clock.flush()
      const summary = task.history[0]!
      expect(summary.success).toBe(false)
      expect(summary.error?.name).toBeTypeOf('string')
      expect(summary.error?.message).toBeTypeOf('string')
    }
  })

  it('records a thrown string as a NonErrorThrown failure that quotes it', async () => {
    const task = await firstRunReturning(() => {
      throw 'went wrong'
    })
    expect(task.history[0]).toMatchObject({ success: false, error: { name: 'NonErrorThrown', message: 'threw `"went wrong"` (string)' } })
    expect(task.status()).toMatchObject({ totalRuns: 3, failedRuns: 1 })
  })

  it('times out a thenable that never settles, and the loop goes on after it settles', async () => {
    let settle: ((value: unknown) => void) | undefined
    const thenable = { then: (resolve: (value: unknown) => void) => void (settle = resolve) }
    const task = await firstRunReturning(() => thenable as never, { timeout: 50 })
    expect(task.history[0]).toMatchObject({ success: false, message: 'timed out after 50 ms' })
    expect(task.isActive).toBe(false)
    settle?.('late')
    await clock.advance(250)
    expect(task.status().totalRuns).toBeGreaterThan(1)
  })

  it('stop() resolves false within its timeout when a thenable never settles and has no timeout', async () => {
    const task = make({ name: 't', run: () => ({ then: () => {} }) as never })
    task.start()
    await clock.advance(0)
    let result: boolean | undefined
    void task.stop({ timeout: 30 }).then((value) => (result = value))
    await clock.advance(30)
    expect(result).toBe(false)
    expect(task.state).toBe('stopped')
  })

  it('records a result whose getter throws as a failed run', async () => {
    const task = await firstRunReturning(() => ({
      get success(): boolean {
        throw new Error('getter exploded')
      },
    }))
    expect(task.history[0]).toMatchObject({ success: false })
    expect(task.history[0]?.error?.message).toMatch(/getter exploded/)
    expect(task.status()).toMatchObject({ totalRuns: 3, failedRuns: 1, state: 'scheduled' })
  })

  it('records a result whose `then` getter throws as a failed run', async () => {
    const task = await firstRunReturning(() => ({
      get then(): unknown {
        throw new Error('then getter exploded')
      },
    }) as never)
    expect(task.history[0]).toMatchObject({ success: false })
    expect(task.history[0]?.error?.message).toMatch(/then getter exploded/)
    expect(task.status()).toMatchObject({ totalRuns: 3, failedRuns: 1 })
  })

  it('records a thenable whose then() throws as a failed run', async () => {
    const task = await firstRunReturning(() => ({
      then: () => {
        throw new Error('then exploded')
      },
    }) as never)
    expect(task.history[0]).toMatchObject({ success: false })
    expect(task.history[0]?.error?.message).toMatch(/then exploded/)
    expect(task.status()).toMatchObject({ totalRuns: 3, failedRuns: 1 })
  })

  it('records an async result whose getter throws as a failed run', async () => {
    const task = await firstRunReturning(async () => ({
      get message(): string {
        throw new Error('async getter exploded')
      },
    }))
    expect(task.history[0]).toMatchObject({ success: false })
    expect(task.status()).toMatchObject({ totalRuns: 3, failedRuns: 1 })
  })

  it('records a thrown error whose name and message are not strings (or throw)', async () => {
    const weird = {
      get name(): string {
        throw new Error('name getter')
      },
      message: 12,
    }
    const task = await firstRunReturning(() => {
      throw weird
    })
    expect(task.history[0]?.success).toBe(false)
    expect(task.status()).toMatchObject({ totalRuns: 3, failedRuns: 1 })
  })
})

describe('regressions', () => {
  it('records a run rejected with undefined with a NonErrorThrown error (it was recorded without one)', async () => {
    const task = make({ name: 't', run: () => Promise.reject(undefined) })
    task.trigger()
    await clock.flush()
    expect(task.history[0]).toMatchObject({ success: false, error: { name: 'NonErrorThrown', message: 'threw `undefined` (undefined)' } })
  })

  it('ends the loop as failed when a custom schedule throws, instead of throwing from the timer', async () => {
    let calls = 0
    const task = createTask({
      name: 't',
      registry,
      logger,
      run: () => {},
      schedule: {
        interval: 10,
        next: ({ now }) => {
          if (++calls > 2) throw new RangeError('no slot')
          return now + 10
        },
      },
    })
    task.start()
    await clock.advance(100)
    expect(task.status()).toMatchObject({ state: 'failed', totalRuns: 2, stopReason: 'schedule.next() threw RangeError: no slot' })
    expect(warnings.some(([message]) => /schedule\.next\(\) threw/.test(String(message)))).toBe(true)
    expect(clock.armedTimers).toBe(0)
    // The loop can be started again once the schedule behaves.
    calls = 0
    expect(task.start()).toBe(true)
  })
})

describe('stop at awkward moments', () => {
  it('stop during a run aborts it; the run settling later records it and starts nothing', async () => {
    let signal: AbortSignal | undefined
    let runs = 0
    const task = make({
      name: 't',
      run: (ctx: RunContext) => {
        runs++
        signal = ctx.signal
        return new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }))
      },
    })
    task.start()
    await clock.advance(0)
    expect(task.state).toBe('running')
    await expect(task.stop({ timeout: 100 })).resolves.toBe(true)
    expect(signal?.aborted).toBe(true)
    await clock.advance(1000)
    expect(runs).toBe(1)
    expect(task.status()).toMatchObject({ state: 'stopped', totalRuns: 1 })
    expect(clock.armedTimers).toBe(0)
  })

  it('stop twice during a hung run: both resolve false at their own timeouts', async () => {
    const task = make({ name: 't', run: () => new Promise(() => {}) })
    task.start()
    await clock.advance(0)
    const results: [string, boolean][] = []
    void task.stop({ timeout: 20 }).then((value) => results.push(['first', value]))
    void task.stop({ timeout: 50 }).then((value) => results.push(['second', value]))
    await clock.advance(20)
    expect(results).toEqual([['first', false]])
    await clock.advance(30)
    expect(results).toEqual([
      ['first', false],
      ['second', false],
    ])
    expect(clock.armedTimers).toBe(0)
  })

  it('stop twice during a draining run: both resolve true when it settles', async () => {
    let finish: (() => void) | undefined
    const task = make({ name: 't', run: () => new Promise<void>((resolve) => (finish = resolve)) })
    task.start()
    await clock.advance(0)
    const first = task.stop({ timeout: 100 })
    const second = task.stop({ timeout: 100 })
    finish?.()
    await expect(Promise.all([first, second])).resolves.toEqual([true, true])
  })

  it('start during stop: the restarted loop waits for the draining run, then goes on', async () => {
    let finish: (() => void) | undefined
    let inFlight = 0
    let maxInFlight = 0
    const task = make({
      name: 't',
      interval: 10,
      run: async () => {
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        await new Promise<void>((resolve) => (finish = resolve))
        inFlight--
      },
    })
    task.start()
    await clock.advance(0)
    const stopping = task.stop({ timeout: 100 })
    expect(task.start()).toBe(true)
    await clock.advance(50)
    expect(inFlight).toBe(1)
    finish?.()
    await expect(stopping).resolves.toBe(true)
    await clock.advance(20)
    finish?.()
    await clock.advance(20)
    expect(task.status().totalRuns).toBeGreaterThanOrEqual(2)
    expect(maxInFlight).toBe(1)
    expect(task.isRunning).toBe(true)
  })

  it('stop from inside the run itself resolves once the run returns', async () => {
    let stopped: Promise<boolean> | undefined
    const task = make({
      name: 't',
      run: () => {
        stopped = task.stop({ timeout: 10 })
      },
    })
    task.start()
    await clock.advance(500)
    await expect(stopped).resolves.toBe(true)
    expect(task.status()).toMatchObject({ totalRuns: 1, state: 'stopped' })
  })

  it('stop from a listener while the run is being recorded', async () => {
    const task = make({ name: 't' })
    task.subscribe((event) => {
      if (event.type === 'runFinished') void task.stop()
    })
    task.start()
    await clock.advance(500)
    expect(task.status()).toMatchObject({ totalRuns: 1, state: 'stopped' })
    expect(clock.armedTimers).toBe(0)
  })

  it('unregister during a run, then stopAll, leaves no timer armed', async () => {
    const task = make({ name: 't', run: () => new Promise(() => {}) })
    task.start()
    await clock.advance(0)
    registry.unregister('t')
    await registry.stopAll({ timeout: 10 })
    await clock.advance(0)
    expect(task.state).toBe('stopped')
    expect(clock.armedTimers).toBe(0)
  })
})
