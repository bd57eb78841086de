import { beforeEach, describe, expect, it } from 'vitest'
import { InvalidOptionError } from '../src/index.ts'
import { createTriggerQueue, type JobContext, type TriggerQueue, type TriggerQueueOptions } from '../src/queue.ts'
import { deferred, setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup(1_000_000)
})

function makeQueue(options: Partial<TriggerQueueOptions> = {}): TriggerQueue {
  return createTriggerQueue({ name: 'jobs', registry: env.registry, logger: env.logger, run: () => {}, ...options })
}

const work = (ms: number): Promise<void> => new Promise((resolve) => env.clock.setTimeout(resolve, ms))
/** Never settles and never looks at its signal. */
const hang = (): Promise<void> => new Promise(() => {})

describe('timeout', () => {
  it('aborts the job’s signal with TimeoutError and records the key as failed, with its key', async () => {
    let reason: unknown
    const queue = makeQueue({
      timeout: 100,
      run: (_key, { signal }) =>
        new Promise<void>((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            reason = signal.reason
            reject(signal.reason)
          })
        }),
    })
    queue.notify('slow')
    await env.clock.advance(100)
    expect((reason as Error).name).toBe('TimeoutError')
    expect(queue.state('slow')).toMatchObject({ running: false, lastResult: { success: false, message: 'timed out after 100 ms', durationMs: 100, error: { name: 'TimeoutError' } } })
    expect(queue.status().results[0]).toMatchObject({ key: 'slow', success: false, message: 'timed out after 100 ms' })
    expect(String(env.warnings[0]?.[0])).toBe('[tickwork] trigger queue "jobs": job "slow" failed: [tickwork] trigger queue "jobs": job "slow" timed out after 100 ms')
  })

  it('moves on to the next key at the timeout, without awaiting a job that ignores its signal', async () => {
    const started: string[] = []
    const queue = makeQueue({
      timeout: 100,
      run: (key) => {
        started.push(key)
        return key === 'hung' ? hang() : undefined
      },
    })
    queue.notify('hung')
    queue.notify('next')
    await env.clock.advance(99)
    expect(started).toEqual(['hung'])
    await env.clock.advance(1)
    expect(started).toEqual(['hung', 'next'])
    await expect(queue.drain()).resolves.toBe(true)
    expect(queue.state('next')?.lastResult?.success).toBe(true)
  })

  it('ignores and counts the late result of an abandoned job', async () => {
    const late = deferred<string>()
    const queue = makeQueue({ timeout: 50, run: () => late.promise })
    queue.notify('k')
    await env.clock.advance(50)
    expect(queue.lateResults).toBe(0)
    late.resolve('finally done')
    await env.clock.flush()
    expect(queue.lateResults).toBe(1)
    expect(queue.state('k')?.lastResult).toMatchObject({ success: false, message: 'timed out after 50 ms' })
  })

  it('leaves no timer behind for a job that finished in time', async () => {
    const queue = makeQueue({ timeout: 10_000, run: () => work(10) })
    const before = env.clock.armedTimers
    queue.notify('k')
    await env.clock.advance(10)
    await queue.drain()
    expect(env.clock.armedTimers).toBe(before)
  })
})

describe('the worker task’s own timeout', () => {
  it('abandons the session’s jobs, records them with their key, and lets the next key run', async () => {
    const started: string[] = []
    const queue = makeQueue({
      run: (key) => {
        started.push(key)
        return key === 'hung' ? hang() : undefined
      },
      onError: () => {},
    })
    queue.task.update({ timeout: 100 })
    queue.notify('hung')
    queue.notify('next')
    let drained: boolean | undefined
    void queue.drain().then((value) => (drained = value))
    await env.clock.advance(100)
    expect(queue.state('hung')).toMatchObject({ running: false, lastResult: { success: false, error: { name: 'TimeoutError' } } })
    await env.clock.advance(10)
    expect(started).toEqual(['hung', 'next'])
    expect(queue.state('next')?.lastResult?.success).toBe(true)
    expect(drained).toBe(true)
  })
})

describe('concurrency', () => {
  it('is 1 by default: one job at a time, in queue order', async () => {
    let inFlight = 0
    let most = 0
    const queue = makeQueue({
      run: async () => {
        most = Math.max(most, ++inFlight)
        await work(10)
        inFlight--
      },
    })
    for (const key of ['a', 'b', 'c']) queue.notify(key)
    await env.clock.advance(30)
    expect(most).toBe(1)
    expect(queue.status().concurrency).toBe(1)
  })

  it('runs different keys in parallel up to its limit', async () => {
    const starts: [string, number][] = []
    const queue = makeQueue({
      concurrency: 2,
      run: async (key) => {
        starts.push([key, env.clock.now() - 1_000_000])
        await work(100)
      },
    })
    for (const key of ['a', 'b', 'c', 'd', 'e']) queue.notify(key)
    expect(queue.status().running.map((r) => r.key)).toEqual(['a', 'b'])
    await env.clock.advance(300)
    expect(starts).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 100],
      ['d', 100],
      ['e', 200],
    ])
  })

  it('never runs one key twice at once: a key notified while its job runs waits for it', async () => {
    const jobs = new Map<string, ReturnType<typeof deferred<void>>>()
    const starts: string[] = []
    const queue = makeQueue({
      concurrency: 3,
      run: (key) => {
        starts.push(key)
        const job = deferred()
        jobs.set(key, job)
        return job.promise
      },
    })
    queue.notify('a')
    queue.notify('a')
    queue.notify('b')
    expect(starts).toEqual(['a', 'b'])
    expect(queue.state('a')).toMatchObject({ running: true, pending: true })
    jobs.get('a')?.resolve()
    await env.clock.flush()
    expect(starts).toEqual(['a', 'b', 'a'])
  })

  it('starts a key notified while others run as soon as a slot is free', async () => {
    const queue = makeQueue({ concurrency: 2, run: () => work(100) })
    queue.notify('a')
    await env.clock.advance(10)
    queue.notify('b')
    expect(queue.state('b')?.running).toBe(true)
  })
})

describe('staleness', () => {
  it('fires on its own, by a timer on the registry’s clock, for a key below the count threshold', async () => {
    const ran: string[] = []
    const queue = makeQueue({ sizeThreshold: 10, staleAfter: 5000, run: (key) => void ran.push(key) })
    queue.notify('doc')
    await env.clock.advance(4999)
    expect(ran).toEqual([])
    await env.clock.advance(1)
    expect(ran).toEqual(['doc'])
    expect(queue.state('doc')).toMatchObject({ count: 0, lastRunAt: 1_005_000 })
    // Nothing new since: nothing goes stale.
    await env.clock.advance(60_000)
    expect(ran).toEqual(['doc'])
  })

  it('counts from the last job’s start, and waits for staleMinCount notifications', async () => {
    const ran: number[] = []
    const queue = makeQueue({ sizeThreshold: 10, staleAfter: 1000, staleMinCount: 2, run: () => void ran.push(env.clock.now() - 1_000_000) })
    for (let i = 0; i < 10; i++) queue.notify('k')
    await env.clock.flush()
    queue.notify('k')
    await env.clock.advance(5000)
    expect(ran).toEqual([0])
    queue.notify('k')
    await env.clock.flush()
    // stale since 1000: the second notification (at 5000) queues it at once
    expect(ran).toEqual([0, 5000])
    queue.notify('k')
    await env.clock.advance(500)
    queue.notify('k')
    await env.clock.advance(499)
    expect(ran).toEqual([0, 5000])
    await env.clock.advance(1)
    expect(ran).toEqual([0, 5000, 6000])
  })

  it('leaves a key dropped by a full queue alone until it is notified again', async () => {
    const job = deferred()
    const queue = makeQueue({ sizeThreshold: 10, staleAfter: 100, maxSize: 1, run: (key) => (key === 'busy' ? job.promise : undefined) })
    for (let i = 0; i < 10; i++) queue.notify('busy')
    for (let i = 0; i < 10; i++) queue.notify('waiting')
    queue.notify('late')
    await env.clock.advance(1000)
    expect(queue.status()).toMatchObject({ droppedCount: 1, dropped: [{ key: 'late' }] })
    job.resolve()
    await env.clock.advance(1000)
    expect(queue.state('late')).toMatchObject({ pending: false, lastRunAt: null })
    queue.notify('late')
    await env.clock.flush()
    expect(queue.state('late')?.lastRunAt).not.toBeNull()
  })
})

describe('state(key)', () => {
  it('is consistent with every event and with status()', async () => {
    const queue = makeQueue({ concurrency: 2, timeout: 50, maxSize: 2, run: (key) => (key === 'hung' ? hang() : work(10)) })
    const seen: string[] = []
    queue.subscribe((event) => {
      seen.push(event.type)
      const status = queue.status()
      if (event.type === 'stateChanged') return
      const state = queue.state(event.key)
      expect(state).toBeDefined()
      expect(state?.pending).toBe(status.pending.some((p) => p.key === event.key))
      expect(state?.running).toBe(status.running.some((r) => r.key === event.key))
      if (event.type === 'queued') expect(state?.pending).toBe(true)
      if (event.type === 'dropped') expect(state?.pending).toBe(false)
      if (event.type === 'jobStarted') expect(state).toMatchObject({ running: true, pending: false, count: 0 })
      if (event.type === 'jobFinished') expect(state?.lastResult).toEqual(event.result)
      expect(status.pending.length).toBeLessThanOrEqual(2)
      expect(status.running.length).toBeLessThanOrEqual(2)
    })
    for (const key of ['hung', 'a', 'b', 'c', 'd']) queue.notify(key)
    await env.clock.advance(200)
    expect(seen).toContain('dropped')
    expect(seen.filter((type) => type === 'jobFinished')).toHaveLength(queue.keys().filter((key) => queue.state(key)?.lastResult !== null).length)
  })
})

describe('jobs', () => {
  it('get a context with their key, an attempt count and the time they were queued', async () => {
    const contexts: JobContext[] = []
    const queue = makeQueue({
      run: (_key, ctx) => {
        contexts.push(ctx)
        if (contexts.length === 1) throw new Error('first fails')
      },
      onError: () => {},
    })
    queue.notify('k')
    await env.clock.advance(10)
    queue.notify('k')
    await env.clock.flush()
    expect(contexts.map(({ key, attempt, scheduledAt, runIndex, name }) => ({ key, attempt, scheduledAt, runIndex, name }))).toEqual([
      { key: 'k', attempt: 1, scheduledAt: 1_000_000, runIndex: 0, name: 'jobs' },
      { key: 'k', attempt: 2, scheduledAt: 1_000_010, runIndex: 1, name: 'jobs' },
    ])
  })

  it('report failures to onError with their key instead of the logger', async () => {
    const errors: [unknown, string][] = []
    const queue = makeQueue({
      run: (key) => (key === 'bad' ? Promise.reject(new Error('broken')) : { success: false, message: 'soft failure' }),
      onError: (error, key) => errors.push([error, key]),
    })
    queue.notify('bad')
    queue.notify('soft')
    await queue.drain()
    expect(errors.map(([error, key]) => [(error as Error).message, key])).toEqual([
      ['broken', 'bad'],
      ['soft failure', 'soft'],
    ])
    expect(env.warnings).toEqual([])
  })

  it('record a result whose getters throw as a failed job, never one left running', async () => {
    const errors: unknown[] = []
    const hostile = {
      get success(): boolean {
        throw new Error('hostile getter')
      },
    }
    const queue = makeQueue({ run: () => hostile, onError: (error) => errors.push(error) })
    queue.notify('k')
    await queue.drain()
    expect(queue.state('k')).toMatchObject({ running: false, lastResult: { success: false, message: 'hostile getter', error: { message: 'hostile getter' } } })
    expect((errors[0] as Error).message).toBe('hostile getter')
  })

  it('run ten thousand synchronous jobs without growing the stack', async () => {
    let count = 0
    const queue = makeQueue({ maxSize: 20_000, run: () => void count++ })
    for (let i = 0; i < 10_000; i++) queue.notify(`k${i}`)
    for (let i = 0; i < 200 && count < 10_000; i++) await env.clock.advance(0)
    expect(count).toBe(10_000)
  })
})

describe('new options', () => {
  it('are validated with named errors quoting the value', () => {
    const base = { name: 'q', run: () => {}, registry: env.registry }
    expect(() => createTriggerQueue({ ...base, timeout: 0 })).toThrow(/timeout must be a positive finite number of milliseconds, got `0` \(number\)/)
    expect(() => createTriggerQueue({ ...base, concurrency: 0 })).toThrow(/concurrency must be an integer ≥ 1, got `0` \(number\)/)
    expect(() => createTriggerQueue({ ...base, staleAfter: Number.NaN })).toThrow(/staleAfter must be .* got `NaN` \(number\)/)
    expect(() => createTriggerQueue({ ...base, maxSize: 2.5 })).toThrow(/maxSize must be an integer ≥ 1, got `2.5`/)
    expect(() => createTriggerQueue({ ...base, onError: 'log' as never })).toThrow(InvalidOptionError)
  })
})
