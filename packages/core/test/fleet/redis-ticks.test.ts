// Tick mode on a fleet: 8 concurrent tick() callers in 4 processes share one
// Redis tick store; the ledger (a Redis set of task@slot) judges exactly-once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestClock } from '../../src/testing.ts'
import { createTask } from '../../src/create-task.ts'
import { TaskRegistry } from '../../src/registry.ts'
import { redisTickStore } from '../../src/redis/index.ts'
import { spawnChild } from './children.ts'
import { connectRedis, REDIS_CLIENTS, startRedis, type NamedRedis, type RedisServer } from './redis-helpers.ts'
import { tickOnce } from './tick-once.ts'

const PROCESSES = 4
const CALLERS_PER_PROCESS = 2
const SLOTS = 200
const TASKS = 3

let server: RedisServer
beforeAll(async () => {
  server = await startRedis()
})
afterAll(() => server?.stop())

describe.each(REDIS_CLIENTS)('tick() on a Redis store with %s', (clientName) => {
  let redis: NamedRedis
  beforeAll(async () => {
    redis = await connectRedis(clientName, server.url)
  })
  afterAll(() => redis?.close())

  it(`runs each slot exactly once with ${PROCESSES * CALLERS_PER_PROCESS} callers in ${PROCESSES} processes over ${SLOTS} slots`, async () => {
    const prefix = `${clientName}:fleet:`
    const children = Array.from({ length: PROCESSES }, () =>
      spawnChild('node', 'packages/core/test/fleet/children/redis-tick.ts', [server.url, clientName, prefix, String(CALLERS_PER_PROCESS), String(SLOTS)]),
    )
    await Promise.all(children.map((child) => child.line(/^ready$/)))
    for (const child of children) child.send('go')
    const tallies = await Promise.all(children.map(async (child) => JSON.parse(await child.line(/^\{/, 120_000)) as Record<string, number>))
    const total = (field: string) => tallies.reduce((sum, tally) => sum + tally[field]!, 0)
    const ledger = Number(await redis.command('SCARD', `${prefix}ledger`))
    console.log(
      `[${clientName}] ${PROCESSES * CALLERS_PER_PROCESS} callers × ${SLOTS} slots × ${TASKS} tasks: ${total('runs')} runs, ${ledger} distinct (task, slot) in the ledger, ${total('duplicates')} duplicates, ${total('contended')} claims lost to another caller`,
    )
    expect(total('duplicates')).toBe(0)
    expect(ledger).toBe(SLOTS * TASKS)
    expect(total('runs')).toBe(SLOTS * TASKS)
    expect(total('contended')).toBeGreaterThan(0)
  })

  it('sheds low levels first under a budget, and runs what was shed once, at the next tick', async () => {
    const clock = createTestClock({ now: 0 })
    const store = redisTickStore(redis.client, { prefix: `${clientName}:budget:` })
    const registry = new TaskRegistry({ clock })
    const ran: string[] = []
    for (const level of ['low', 'medium', 'high', 'critical'] as const) {
      createTask({ name: level, level, interval: 60_000, registry, run: () => {
        ran.push(level)
        // Each run costs 10 ms of the budget clock.
        return clock.advance(10)
      } })
    }
    const first = await tickOnce(registry, { now: 60_000, budgetMs: 15, store, clock })
    expect(first.summaries.map((run) => run.name)).toEqual(['critical', 'high'])
    expect(first.shed.map((task) => task.name)).toEqual(['low', 'medium'])
    // A second instance ticks the same slot: the shed tasks run there, once; the others are not due.
    const second = await tickOnce(registry, { now: 60_000, store, clock })
    expect(second.summaries.map((run) => run.name)).toEqual(['medium', 'low'])
    const third = await tickOnce(registry, { now: 60_000, store, clock })
    expect(third.summaries).toEqual([])
    expect(ran).toEqual(['critical', 'high', 'medium', 'low'])
  })
})
