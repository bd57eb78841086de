import { beforeEach, describe, expect, it } from 'vitest'
import { InvalidOptionError } from '../src/index.ts'
import { createTriggerQueue, type TriggerQueue, type TriggerQueueOptions } from '../src/queue.ts'
import { deferred, setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup(1_000_000)
})

function makeQueue(options: Partial<TriggerQueueOptions> = {}): { queue: TriggerQueue; started: string[] } {
  const started: string[] = []
  const run = options.run ?? (() => {})
  const queue = createTriggerQueue({
    name: 'life',
    registry: env.registry,
    logger: env.logger,
    ...options,
    run: (key, ctx) => {
      started.push(key)
      return run(key, ctx)
    },
  })
  return { queue, started }
}

/** Resolves when its signal aborts. */
const untilAborted = (_key: string, { signal }: { signal: AbortSignal }): Promise<void> =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
const hang = (): Promise<void> => new Promise(() => {})

describe('registry.stopAll()', () => {
  it('stops the queue: no job starts after its promise resolves', async () => {
    const { queue, started } = makeQueue({ run: untilAborted })
    queue.notify('a')
    queue.notify('b')
    queue.notify('c')
    await expect(env.registry.stopAll({ timeout: 100 })).resolves.toBe(true)
    expect(started).toEqual(['a'])
    expect(queue.accepting).toBe(false)
    await env.clock.advance(60_000)
    expect(started).toEqual(['a'])
    expect(queue.pendingKeys).toEqual(['b', 'c'])
    expect(queue.status().state).toBe('stopped')
  })

  it('waits for every job in flight to settle', async () => {
    const { queue } = makeQueue({ concurrency: 3, run: untilAborted })
    for (const key of ['a', 'b', 'c']) queue.notify(key)
    let settled = false
    const stopping = env.registry.stopAll().then((value) => (settled = value))
    expect(settled).toBe(false)
    await stopping
    expect(settled).toBe(true)
    expect(queue.status().running).toEqual([])
    expect(queue.task.status().state).toBe('stopped')
  })

  it('abandons jobs that ignore their signal within its timeout, and ignores their late results', async () => {
    const late = deferred()
    const { queue, started } = makeQueue({ run: (key) => (key === 'a' ? late.promise : hang()) })
    queue.notify('a')
    queue.notify('b')
    const stopping = env.registry.stopAll({ timeout: 50 })
    await env.clock.advance(50)
    await expect(stopping).resolves.toBe(false)
    expect(queue.state('a')).toMatchObject({ running: false, lastResult: { success: false, message: 'abandoned: still running after stop()' } })
    expect(started).toEqual(['a'])
    late.resolve()
    await env.clock.flush()
    expect(queue.lateResults).toBe(1)
    // Shutdown is not a failure: nothing was reported.
    expect(env.warnings).toEqual([])
  })

  it('leaves no timer behind: not the idle wait, the staleness timer, a job timeout or a drain timeout', async () => {
    const { queue } = makeQueue({ sizeThreshold: 5, staleAfter: 60_000, timeout: 10_000, run: untilAborted })
    queue.notify('stale-later')
    for (let i = 0; i < 5; i++) queue.notify('running')
    void queue.drain({ timeout: 30_000 })
    expect(env.clock.armedTimers).toBeGreaterThan(0)
    await env.registry.stopAll()
    expect(env.clock.armedTimers).toBe(0)
  })

  it('unregistering the worker stops the queue too', async () => {
    const { queue } = makeQueue()
    env.registry.unregister('life')
    await env.clock.flush()
    expect(queue.accepting).toBe(false)
    expect(queue.notify('x')).toBe(false)
  })
})

describe('drain()', () => {
  it('resolves true when nothing is pending and nothing runs', async () => {
    const { queue } = makeQueue({ concurrency: 2, run: () => new Promise<void>((resolve) => env.clock.setTimeout(resolve, 100)) })
    await expect(queue.drain()).resolves.toBe(true)
    for (const key of ['a', 'b', 'c']) queue.notify(key)
    let drained: boolean | undefined
    void queue.drain().then((value) => (drained = value))
    await env.clock.advance(199)
    expect(drained).toBeUndefined()
    await env.clock.advance(1)
    expect(drained).toBe(true)
  })

  it('resolves false once the queue is stopped with keys left, even with a hung job and no timeout', async () => {
    const { queue } = makeQueue({ run: hang })
    queue.notify('hung')
    queue.notify('left')
    const drained = queue.drain()
    const stopped = queue.stop({ timeout: 10 })
    await env.clock.advance(10)
    await expect(stopped).resolves.toBe(false)
    await expect(drained).resolves.toBe(false)
    // Asked after the stop: answers at once.
    await expect(queue.drain()).resolves.toBe(false)
  })

  it('resolves false on its timeout while a job runs', async () => {
    const { queue } = makeQueue({ run: hang })
    queue.notify('a')
    const drained = queue.drain({ timeout: 30 })
    await env.clock.advance(30)
    await expect(drained).resolves.toBe(false)
  })

  it('resolves after the session is in the worker’s history', async () => {
    const { queue } = makeQueue()
    queue.notify('a')
    await queue.drain()
    expect(queue.task.status().totalRuns).toBe(1)
  })
})

describe('the worker task', () => {
  it('is live between jobs, so it never shows idle or completed while the queue works', async () => {
    const { queue } = makeQueue({ run: () => new Promise<void>((resolve) => env.clock.setTimeout(resolve, 10)) })
    expect(queue.task.status().state).toBe('scheduled')
    queue.notify('a')
    expect(queue.task.status().state).toBe('running')
    await env.clock.advance(10)
    await queue.drain()
    expect(queue.task.status().state).toBe('scheduled')
  })

  it('Start after a stop takes work again, and does not complete the loop', async () => {
    const { queue, started } = makeQueue()
    await queue.stop()
    queue.notify('early')
    expect(started).toEqual([])
    expect(queue.task.start()).toBe(true)
    expect(queue.task.status().state).toBe('scheduled')
    expect(queue.task.status().stopReason).toBeUndefined()
    expect(queue.accepting).toBe(true)
    await env.clock.advance(0)
    // 'early' was notified while stopped: counted, and queued once Start brought the queue back.
    queue.notify('later')
    await queue.drain()
    expect(started).toEqual(['later'])
    expect(queue.state('early')?.count).toBe(1)
    // Start on a live worker changes nothing.
    expect(queue.task.start()).toBe(false)
    expect(queue.task.status().state).toBe('scheduled')
  })

  it('Run now with nothing changed records nothing', async () => {
    const { queue } = makeQueue()
    queue.task.trigger()
    await env.clock.advance(1000)
    expect(queue.task.status().totalRuns).toBe(0)
    expect(queue.task.history).toEqual([])
  })

  it('Run now queues the keys with changes below their threshold, and works through them', async () => {
    const { queue, started } = makeQueue({ sizeThreshold: 5 })
    queue.notify('a')
    queue.notify('b')
    queue.notify('b')
    expect(started).toEqual([])
    queue.task.trigger()
    await queue.drain()
    expect(started).toEqual(['a', 'b'])
    expect(queue.task.history.map((s) => s.message)).toEqual(['2 jobs: a, b'])
  })

  it('pause holds new jobs and resume starts them', async () => {
    const { queue, started } = makeQueue()
    queue.task.pause()
    queue.notify('a')
    await env.clock.advance(1000)
    expect(started).toEqual([])
    queue.task.resume()
    await env.clock.advance(0)
    expect(started).toEqual(['a'])
  })
})

describe('status()', () => {
  it('says idle, working or stopped, with pending, running, dropped and results', async () => {
    const job = deferred()
    const { queue } = makeQueue({ maxSize: 1, run: (key) => (key === 'a' ? job.promise : undefined) })
    expect(queue.status()).toEqual({ kind: 'queue', state: 'idle', pending: [], running: [], droppedCount: 0, dropped: [], results: [], concurrency: 1, maxSize: 1 })
    queue.notify('a')
    await env.clock.advance(5)
    queue.notify('b')
    queue.notify('b')
    queue.notify('c')
    expect(queue.status()).toMatchObject({
      state: 'working',
      pending: [{ key: 'b', count: 2, since: 1_000_005 }],
      running: [{ key: 'a', startedAt: 1_000_000 }],
      droppedCount: 1,
      dropped: [{ key: 'c', at: 1_000_005 }],
    })
    job.resolve()
    await queue.drain()
    expect(queue.status()).toMatchObject({ state: 'idle', pending: [], running: [], results: [{ key: 'b', success: true }, { key: 'a', success: true, durationMs: 5 }] })
    await queue.stop()
    expect(queue.status().state).toBe('stopped')
  })

  it('is the worker’s facet, with the queue’s controls', async () => {
    const { queue, started } = makeQueue({ maxSize: 1, run: (key) => (key === 'a' ? hang() : undefined) })
    expect(queue.facet.actions).toEqual(['drain', 'stop', 'notify', 'clearDropped'])
    expect(queue.facet.status()).toEqual(queue.status())
    await queue.facet.act('notify', 'a')
    await queue.facet.act('notify', 'b')
    await queue.facet.act('notify', 'c')
    expect(started).toEqual(['a'])
    expect(queue.status().droppedCount).toBe(1)
    await queue.facet.act('clearDropped')
    expect(queue.status()).toMatchObject({ droppedCount: 0, dropped: [] })
    const drained = queue.facet.act('drain', '10')
    await env.clock.advance(10)
    await expect(drained).resolves.toBe(false)
    await expect(queue.facet.act('refresh')).rejects.toThrow(/trigger queue "life": act\(\) needs one of 'drain', 'stop', 'notify', 'clearDropped', got `"refresh"` \(string\)/)
    await expect(queue.facet.act('refresh')).rejects.toBeInstanceOf(InvalidOptionError)
    // The worker carries it: devtools and the bridge read task.facet and status().facet.
    expect(queue.task.facet).toBe(queue.facet)
    expect(queue.task.status().facet).toEqual(queue.status())
    let changes = 0
    const unsubscribe = queue.facet.subscribe(() => changes++)
    const stopping = queue.facet.act('stop')
    await env.clock.advance(5000)
    await stopping
    expect(changes).toBeGreaterThan(0)
    unsubscribe()
    expect(queue.status().state).toBe('stopped')
  })
})
