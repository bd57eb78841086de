import { beforeEach, describe, expect, it } from 'vitest'
import { InvalidOptionError } from '../src/index.ts'
import { createTriggerQueue, type TriggerQueueOptions } from '../src/queue.ts'
import { deferred, setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup(1_000_000)
})

function makeQueue(options: Partial<TriggerQueueOptions> = {}) {
  const ran: string[] = []
  const queue = createTriggerQueue({
    name: 'compile',
    registry: env.registry,
    logger: env.logger,
    run: (key) => {
      ran.push(key)
    },
    ...options,
  })
  return { queue, ran }
}

const work = (ms: number): Promise<void> => new Promise((resolve) => env.clock.setTimeout(resolve, ms))

describe('notify()', () => {
  it('queues a key once its count reaches sizeThreshold, then counts from zero again', async () => {
    const { queue, ran } = makeQueue({ sizeThreshold: 3 })
    expect(queue.notify('a.ts')).toBe(false)
    expect(queue.notify('a.ts')).toBe(false)
    expect(queue.state('a.ts')).toMatchObject({ count: 2, pending: false, lastRunAt: null })
    expect(queue.notify('a.ts')).toBe(true)
    await env.clock.flush()
    expect(ran).toEqual(['a.ts'])
    expect(queue.state('a.ts')).toMatchObject({ count: 0, pending: false, running: false, lastRunAt: 1_000_000, lastResult: { success: true } })
  })

  it('is synchronous: the job starts after notify() returns', () => {
    const { queue, ran } = makeQueue()
    const job = deferred()
    const slow = makeQueue({ name: 'slow', run: () => job.promise })
    expect(queue.notify('x')).toBe(true)
    expect(slow.queue.notify('y')).toBe(true)
    expect(slow.queue.state('y')).toMatchObject({ running: true })
    expect(ran).toEqual(['x'])
    job.resolve()
  })

  it('never queues a pending key twice', async () => {
    const job = deferred()
    const ran: string[] = []
    const { queue } = makeQueue({
      run: async (key) => {
        ran.push(key)
        if (key === 'busy') await job.promise
      },
    })
    queue.notify('busy')
    queue.notify('a')
    queue.notify('a')
    queue.notify('a')
    expect(queue.pendingKeys).toEqual(['a'])
    expect(queue.state('a')?.count).toBe(3)
    job.resolve()
    await queue.drain()
    expect(ran).toEqual(['busy', 'a'])
  })

  it('queues a key again when notified while its own job runs', async () => {
    const job = deferred()
    let calls = 0
    const { queue } = makeQueue({
      run: async () => {
        if (++calls === 1) await job.promise
      },
    })
    queue.notify('k')
    queue.notify('k')
    expect(queue.pendingKeys).toEqual(['k'])
    job.resolve()
    await queue.drain()
    expect(calls).toBe(2)
  })

  it('queues a stale key below the size threshold once it has staleMinCount notifications', async () => {
    const { queue, ran } = makeQueue({ sizeThreshold: 100, staleAfter: 60_000, staleMinCount: 2 })
    queue.notify('s')
    await env.clock.advance(60_000)
    // stale, but only one notification so far: the timer left it alone … this one makes two
    expect(ran).toEqual([])
    expect(queue.notify('s')).toBe(true)
    await env.clock.flush()
    expect(ran).toEqual(['s'])
    // just ran: not stale any more
    queue.notify('s')
    queue.notify('s')
    expect(queue.state('s')).toMatchObject({ pending: false, count: 2 })
    await env.clock.advance(59_999)
    expect(ran).toEqual(['s'])
    // no notification needed: the staleness timer queues it
    await env.clock.advance(1)
    expect(ran).toEqual(['s', 's'])
  })

  it('accepts the older option names stalenessMs, stalenessMinCount and maxQueueSize', async () => {
    const { queue, ran } = makeQueue({ sizeThreshold: 100, stalenessMs: 1000, stalenessMinCount: 1, maxQueueSize: 5 })
    queue.notify('s')
    await env.clock.advance(1000)
    expect(ran).toEqual(['s'])
    expect(queue.status().maxSize).toBe(5)
  })

  it('drops and warns once per key when full, keeping the count', async () => {
    const job = deferred()
    const { queue } = makeQueue({ maxQueueSize: 2, run: () => job.promise })
    queue.notify('running')
    queue.notify('a')
    queue.notify('b')
    expect(queue.notify('c')).toBe(false)
    expect(queue.notify('c')).toBe(false)
    expect(queue.notify('d')).toBe(false)
    expect(queue.pendingKeys).toEqual(['a', 'b'])
    expect(env.warnings.map((w) => String(w[0]))).toEqual([
      expect.stringMatching(/trigger queue "compile": queue full \(2 keys\): dropped "c"/),
      expect.stringMatching(/dropped "d"/),
    ])
    expect(queue.state('c')).toMatchObject({ count: 2, pending: false })
    job.resolve()
    await env.clock.flush()
    expect(queue.notify('c')).toBe(true)
  })

  it('rejects a non-string key', () => {
    const { queue } = makeQueue()
    expect(() => queue.notify(7 as never)).toThrow(/notify\(\) needs a string key, got `7` \(number\)/)
  })
})

describe('jobs', () => {
  it('run one at a time in queue order, with the worker’s signal', async () => {
    let inFlight = 0
    let maxInFlight = 0
    const order: string[] = []
    const { queue } = makeQueue({
      run: async (key, ctx) => {
        expect(ctx.signal.aborted).toBe(false)
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        order.push(key)
        await work(10)
        inFlight--
      },
    })
    for (const key of ['a', 'b', 'c', 'd']) queue.notify(key)
    await env.clock.advance(100)
    expect(order).toEqual(['a', 'b', 'c', 'd'])
    expect(maxInFlight).toBe(1)
  })

  it('records a failing job in its key state and the worker’s history, reports it with its key, and goes on', async () => {
    const { queue, ran } = makeQueue({
      run: (key) => {
        ran.push(key)
        if (key === 'bad') throw new Error('syntax error')
        return { message: `built ${key}` }
      },
    })
    queue.notify('bad')
    queue.notify('good')
    await queue.drain()
    expect(ran).toEqual(['bad', 'good'])
    expect(queue.state('bad')?.lastResult).toMatchObject({ success: false, message: 'syntax error', error: { name: 'Error' } })
    expect(queue.state('good')?.lastResult).toMatchObject({ success: true, message: 'built good' })
    // One summary per working session, naming its jobs.
    expect(queue.task.history.map((s) => [s.success, s.message, s.extra])).toEqual([[false, '2 jobs, 1 failed: bad, good', { jobs: '2', failed: '1', keys: 'bad,good' }]])
    expect(env.warnings.map((w) => String(w[0]))).toEqual(['[tickwork] trigger queue "compile": job "bad" failed: syntax error'])
  })

  it('records a RunResult with success: false as a failed job', async () => {
    const { queue } = makeQueue({ run: () => ({ success: false, message: 'nope' }) })
    queue.notify('k')
    await queue.drain()
    expect(queue.state('k')?.lastResult).toMatchObject({ success: false, message: 'nope' })
    expect(queue.task.status().failedRuns).toBe(1)
  })
})

describe('drain()', () => {
  it('resolves true once nothing is pending and the worker is idle', async () => {
    const { queue } = makeQueue({ run: () => work(100) })
    queue.notify('a')
    queue.notify('b')
    let drained: boolean | undefined
    void queue.drain().then((value) => (drained = value))
    await env.clock.advance(150)
    expect(drained).toBeUndefined()
    await env.clock.advance(50)
    expect(drained).toBe(true)
    await expect(queue.drain()).resolves.toBe(true)
  })

  it('resolves false after its timeout and leaves no timer behind', async () => {
    const { queue } = makeQueue({ run: () => work(1000) })
    // The worker's idle wait is armed from the start; the drain's timer must not outlive it.
    const before = env.clock.armedTimers
    queue.notify('a')
    const result = queue.drain({ timeout: 200 })
    await env.clock.advance(200)
    await expect(result).resolves.toBe(false)
    await env.clock.advance(800)
    expect(env.clock.armedTimers).toBe(before)
  })

  it('rejects a bad timeout', async () => {
    const { queue } = makeQueue()
    await expect(queue.drain({ timeout: -1 })).rejects.toThrow(/drain\(\) timeout must be a non-negative number of ms, got `-1` \(number\)/)
  })
})

describe('stop()', () => {
  it('aborts the current job’s signal, awaits it, and takes no further jobs', async () => {
    let aborted = false
    const { queue, ran } = makeQueue({
      run: (key, ctx) =>
        new Promise<void>((resolve) => {
          ran.push(key)
          ctx.signal.addEventListener('abort', () => {
            aborted = true
            resolve()
          })
        }),
    })
    queue.notify('a')
    queue.notify('b')
    const pendingDrain = queue.drain()
    await expect(queue.stop({ timeout: 100 })).resolves.toBe(true)
    expect(aborted).toBe(true)
    expect(ran).toEqual(['a'])
    await expect(pendingDrain).resolves.toBe(false)
    expect(queue.accepting).toBe(false)
    expect(queue.notify('c')).toBe(false)
    await env.clock.advance(1000)
    expect(ran).toEqual(['a'])
    expect(queue.pendingKeys).toEqual(['b'])
  })

  it('resolves false when the job ignores its signal past the timeout', async () => {
    const { queue } = makeQueue({ run: () => work(10_000) })
    queue.notify('a')
    const stopped = queue.stop({ timeout: 50 })
    await env.clock.advance(50)
    await expect(stopped).resolves.toBe(false)
  })
})

describe('registry', () => {
  it('registers the worker like a task, so devtools list it', async () => {
    const { queue } = makeQueue({ level: 'low' })
    expect(env.registry.get('compile')).toBe(queue.task)
    expect(queue.task.level).toBe('low')
    expect(queue.task.config.schedule).toMatch(/on demand \(trigger queue/)
    queue.notify('a')
    await queue.drain()
    expect(env.registry.summary().tasks[0]).toMatchObject({ name: 'compile', totalRuns: 1 })
  })
})

describe('options', () => {
  it('are validated with named errors quoting the value', () => {
    const base = { name: 'q', run: () => {}, registry: env.registry }
    expect(() => createTriggerQueue({ ...base, sizeThreshold: 0 })).toThrow(InvalidOptionError)
    expect(() => createTriggerQueue({ ...base, sizeThreshold: 1.5 })).toThrow(/sizeThreshold must be an integer ≥ 1, got `1.5` \(number\)/)
    expect(() => createTriggerQueue({ ...base, maxQueueSize: 0 })).toThrow(/maxQueueSize/)
    expect(() => createTriggerQueue({ ...base, stalenessMs: -5 })).toThrow(/stalenessMs must be .* got `-5` \(number\)/)
    expect(() => createTriggerQueue({ ...base, level: 'urgent' as never })).toThrow(/level must be one of .* got `"urgent"` \(string\)/)
    expect(() => createTriggerQueue({ ...base, run: 'x' as never })).toThrow(/run must be a function/)
    expect(() => createTriggerQueue({ ...base, name: '' })).toThrow(/createTriggerQueue\(\): name must be a non-empty string/)
  })
})
