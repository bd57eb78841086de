/**
 * Properties of the trigger queue and the cached value (issue 14), on a
 * virtual clock: fast-check draws queue options, job behaviours and command
 * sequences, runs them, and checks an invariant after every step. A failing
 * case is shrunk and printed with its seed.
 *
 * TICKWORK_PROPERTY_RUNS sets the number of cases per property;
 * TICKWORK_PROPERTY_SEED=random explores beyond the fixed CI seed.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TaskRegistry, type Logger } from '@tickwork/core'
import { createTriggerQueue, type QueueEvent, type TriggerQueue } from '@tickwork/core/queue'
import { createCachedValue } from '@tickwork/core/cache'
import { createTestClock, type TestClock } from '@tickwork/core/testing'

const RUNS = Number(process.env['TICKWORK_PROPERTY_RUNS'] ?? 200)
/** Generous: the machine may be shared; pass/fail never depends on it. */
const TIME_LIMIT = 120_000
const SEED_SETTING = process.env['TICKWORK_PROPERTY_SEED'] ?? '20261201'
const SEED = SEED_SETTING === 'random' ? undefined : Number(SEED_SETTING)
const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) }
const quiet: Logger = { warn: () => {} }

/** What one job does; a key's jobs cycle through its behaviours. */
type Behaviour = { kind: 'sync' } | { kind: 'throw' } | { kind: 'async'; ms: number } | { kind: 'untilAborted' } | { kind: 'forever' }

const KEYS = ['a', 'b', 'c', 'd', 'e']

const behaviour: fc.Arbitrary<Behaviour> = fc.oneof(
  fc.constant<Behaviour>({ kind: 'sync' }),
  fc.constant<Behaviour>({ kind: 'throw' }),
  fc.integer({ min: 0, max: 300 }).map((ms): Behaviour => ({ kind: 'async', ms })),
  fc.constant<Behaviour>({ kind: 'untilAborted' }),
  fc.constant<Behaviour>({ kind: 'forever' }),
)

const queueCase = fc.record({
  concurrency: fc.integer({ min: 1, max: 3 }),
  maxSize: fc.integer({ min: 1, max: 4 }),
  sizeThreshold: fc.integer({ min: 1, max: 3 }),
  staleAfter: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
  timeout: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
  behaviours: fc.array(fc.array(behaviour, { minLength: 1, maxLength: 3 }), { minLength: KEYS.length, maxLength: KEYS.length }),
  commands: fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.record({ type: fc.constant('notify' as const), key: fc.nat(KEYS.length - 1), times: fc.integer({ min: 1, max: 3 }) }) },
      { weight: 4, arbitrary: fc.record({ type: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 400 }) }) },
      { weight: 1, arbitrary: fc.record({ type: fc.constant('drain' as const), timeout: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }) }) },
      { weight: 1, arbitrary: fc.constant({ type: 'stop' as const }) },
    ),
    { maxLength: 40 },
  ),
})
type QueueCase = typeof queueCase extends fc.Arbitrary<infer C> ? C : never

interface Run {
  clock: TestClock
  queue: TriggerQueue
  events: QueueEvent[]
  drains: { settled: boolean }[]
  stopped: boolean
  /** Checked after every event and every command. */
  violations: string[]
}

function jobFor(clock: TestClock, c: QueueCase) {
  const calls = new Map<string, number>()
  return (key: string, { signal }: { signal: AbortSignal }): void | Promise<void> => {
    const n = calls.get(key) ?? 0
    calls.set(key, n + 1)
    const list = c.behaviours[KEYS.indexOf(key)] ?? [{ kind: 'sync' }]
    const b = list[n % list.length] as Behaviour
    switch (b.kind) {
      case 'sync':
        return undefined
      case 'throw':
        throw new Error(`job ${key} failed`)
      case 'async':
        return new Promise<void>((resolve) => clock.setTimeout(resolve, b.ms))
      case 'untilAborted':
        return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
      case 'forever':
        return new Promise<void>(() => {})
    }
  }
}

async function runQueue(c: QueueCase, stopsAllowed: boolean): Promise<Run> {
  const clock = createTestClock({ now: 1_000_000 })
  const registry = new TaskRegistry({ clock, logger: quiet })
  const queue = createTriggerQueue({
    name: 'q',
    registry,
    logger: quiet,
    concurrency: c.concurrency,
    maxSize: c.maxSize,
    sizeThreshold: c.sizeThreshold,
    ...(c.staleAfter === undefined ? {} : { staleAfter: c.staleAfter }),
    ...(c.timeout === undefined ? {} : { timeout: c.timeout }),
    run: jobFor(clock, c),
  })
  const run: Run = { clock, queue, events: [], drains: [], stopped: false, violations: [] }
  const running = new Set<string>()
  const check = (where: string): void => {
    const status = queue.status()
    if (status.pending.length > c.maxSize) run.violations.push(`${where}: ${status.pending.length} pending > maxSize ${c.maxSize}`)
    if (status.running.length > c.concurrency) run.violations.push(`${where}: ${status.running.length} running > concurrency ${c.concurrency}`)
    const dropped = run.events.filter((event) => event.type === 'dropped').length
    if (status.droppedCount !== dropped) run.violations.push(`${where}: droppedCount ${status.droppedCount}, ${dropped} drops seen`)
  }
  queue.subscribe((event) => {
    run.events.push(event)
    if (event.type === 'jobStarted') {
      if (running.has(event.key)) run.violations.push(`key ${event.key} started while its job runs`)
      running.add(event.key)
    }
    if (event.type === 'jobFinished') running.delete(event.key)
    check(event.type)
  })
  for (const command of c.commands) {
    if (command.type === 'notify') for (let i = 0; i < command.times; i++) queue.notify(KEYS[command.key] as string)
    else if (command.type === 'advance') await clock.advance(command.ms)
    else if (command.type === 'drain') {
      const entry = { settled: false }
      run.drains.push(entry)
      void queue.drain(command.timeout === undefined ? {} : { timeout: command.timeout }).then(() => (entry.settled = true))
    } else if (stopsAllowed) {
      run.stopped = true
      void queue.stop({ timeout: 50 })
    }
    await clock.flush()
    check(command.type)
  }
  return run
}

/** The index of the last item matching `test`, or -1 (`findLastIndex` is ES2023). */
function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i
  return -1
}

/** Lets every job that can end, end: enough virtual time for every timeout and stale timer. */
async function settle(run: Run): Promise<void> {
  for (let i = 0; i < 12; i++) await run.clock.advance(1000)
}

describe('trigger queue properties', () => {
  it('no key runs twice at once, and never more than `concurrency` keys', async () => {
    await fc.assert(
      fc.asyncProperty(queueCase, async (c) => {
        const run = await runQueue(c, true)
        await settle(run)
        expect(run.violations).toEqual([])
      }),
      params,
    )
  }, TIME_LIMIT)

  it('a pending key is never lost unless stop() was called', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Every job ends by itself or by its timeout, so every pending key gets its turn.
        queueCase.filter((c) => c.timeout !== undefined || c.behaviours.every((list) => list.every((b) => b.kind !== 'forever' && b.kind !== 'untilAborted'))),
        async (c) => {
          const run = await runQueue(c, false)
          await settle(run)
          const { queue } = run
          expect(queue.pendingKeys).toEqual([])
          // Every key queued after its last job started got a job after it was queued.
          for (const key of KEYS) {
            const lastQueued = lastIndex(run.events, (event) => event.type === 'queued' && event.key === key)
            const lastStarted = lastIndex(run.events, (event) => event.type === 'jobStarted' && event.key === key)
            if (lastQueued >= 0) expect(lastStarted).toBeGreaterThan(lastQueued)
          }
          expect(queue.status().state).toBe('idle')
        },
      ),
      params,
    )
  }, TIME_LIMIT)

  it('the pending set stays within maxSize, and every drop is counted', async () => {
    await fc.assert(
      fc.asyncProperty(queueCase, async (c) => {
        const run = await runQueue(c, true)
        await settle(run)
        expect(run.violations).toEqual([])
        expect(run.queue.status().droppedCount).toBe(run.events.filter((event) => event.type === 'dropped').length)
      }),
      params,
    )
  }, TIME_LIMIT)

  it('drain() always settles: once the queue is idle, on its timeout, or once it is stopped', async () => {
    await fc.assert(
      fc.asyncProperty(queueCase, async (c) => {
        const run = await runQueue(c, true)
        await settle(run)
        const { queue } = run
        // Whatever is still unsettled now waits on a job that never ends: a stop must answer it.
        const late = queue.drain()
        let lateSettled = false
        void late.then(() => (lateSettled = true))
        const stopped = queue.stop({ timeout: 10 })
        await run.clock.advance(10)
        await stopped
        await run.clock.flush()
        expect(run.drains.filter((entry) => !entry.settled)).toEqual([])
        expect(lateSettled).toBe(true)
        // And on a stopped queue it answers at once.
        let now = false
        void queue.drain().then(() => (now = true))
        await Promise.resolve()
        await Promise.resolve()
        expect(now).toBe(true)
      }),
      params,
    )
  }, TIME_LIMIT)
})

const cacheCase = fc.record({
  expire: fc.integer({ min: 0, max: 500 }),
  sourceMs: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 5 }),
  commands: fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.record({ type: fc.constant('get' as const), maxStale: fc.integer({ min: 0, max: 600 }) }) },
      { weight: 1, arbitrary: fc.record({ type: fc.constant('getFresh' as const), tolerance: fc.integer({ min: 0, max: 300 }) }) },
      { weight: 1, arbitrary: fc.constant({ type: 'invalidate' as const }) },
      { weight: 3, arbitrary: fc.record({ type: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 400 }) }) },
    ),
    { maxLength: 40 },
  ),
})

/** A value remembers when its source call started (as a step number) and when it was produced. */
interface Produced {
  startedStep: number
  producedAt: number
}

describe('cached value properties', () => {
  const runCache = async (c: typeof cacheCase extends fc.Arbitrary<infer C> ? C : never) => {
    const clock = createTestClock({ now: 1_000_000 })
    let step = 0
    let calls = 0
    const cache = createCachedValue<Produced>({
      expire: c.expire,
      clock,
      logger: quiet,
      source: () => {
        const startedStep = step
        const ms = c.sourceMs[calls++ % c.sourceMs.length] as number
        return new Promise<Produced>((resolve) => clock.setTimeout(() => resolve({ startedStep, producedAt: clock.now() }), ms))
      },
    })
    const reads: { calledAt: number; calledStep: number; maxAge: number; invalidatedAt: number; read: Promise<Produced> }[] = []
    let invalidatedAt = -1
    for (const command of c.commands) {
      step++
      if (command.type === 'advance') await clock.advance(command.ms)
      else if (command.type === 'invalidate') {
        invalidatedAt = step
        void cache.invalidate()
      } else {
        const maxAge = command.type === 'get' ? c.expire + command.maxStale : command.tolerance
        const read = command.type === 'get' ? cache.get({ maxStale: command.maxStale }) : cache.get({ fresh: true, tolerance: command.tolerance })
        reads.push({ calledAt: clock.now(), calledStep: step, maxAge, invalidatedAt, read })
      }
    }
    for (let i = 0; i < 10; i++) await clock.advance(300)
    return Promise.all(reads.map(async (read) => ({ ...read, value: await read.read })))
  }

  it('get() never returns a value older than expire + maxStale', async () => {
    await fc.assert(
      fc.asyncProperty(cacheCase, async (c) => {
        for (const { value, calledAt, maxAge } of await runCache(c)) {
          // Either produced after the call (it waited for a refresh) or young enough when called.
          if (value.producedAt < calledAt) expect(calledAt - value.producedAt).toBeLessThan(Math.max(maxAge, 1))
        }
      }),
      params,
    )
  }, TIME_LIMIT)

  it('invalidate() always wins: a get() after it never sees a value whose source started before it', async () => {
    await fc.assert(
      fc.asyncProperty(cacheCase, async (c) => {
        for (const { value, invalidatedAt } of await runCache(c)) {
          if (invalidatedAt >= 0) expect(value.startedStep).toBeGreaterThanOrEqual(invalidatedAt)
        }
      }),
      params,
    )
  }, TIME_LIMIT)
})
