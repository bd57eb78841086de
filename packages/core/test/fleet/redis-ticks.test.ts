// Tick mode on a fleet: 8 concurrent tick() callers in 4 processes share one
// Redis tick store; the ledger (a Redis set of task@slot) judges exactly-once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisTickStore } from '../../src/redis/index.ts'
import { snapshotSource } from '../../src/tick/snapshot-source.ts'
import { spawnChild } from './children.ts'
import { connectRedis, REDIS_CLIENTS, startRedis, type NamedRedis, type RedisServer } from './redis-helpers.ts'
import { expectBudgetShedsLowFirst, TICK_TASKS, type TickTally } from './tick-fleet.ts'

const PROCESSES = 4
const CALLERS_PER_PROCESS = 2
const SLOTS = 200

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
    const tallies = await Promise.all(children.map(async (child) => JSON.parse(await child.line(/^\{/, 180_000)) as TickTally))
    const total = (field: keyof TickTally) => tallies.reduce((sum, tally) => sum + tally[field], 0)
    const ledger = (await redis.command('SMEMBERS', `${prefix}ledger`)) as string[]
    console.log(
      `[redis ${clientName}] ${PROCESSES * CALLERS_PER_PROCESS} callers × ${SLOTS} slots × ${TICK_TASKS.length} tasks: ${total('runs')} runs, ` +
        `${ledger.length} distinct (task, slot) in the ledger, ${total('duplicates')} duplicates, ${total('contended')} claims lost to another caller`,
    )
    expect(total('duplicates')).toBe(0)
    expect(ledger).toHaveLength(SLOTS * TICK_TASKS.length)
    expect(total('runs')).toBe(SLOTS * TICK_TASKS.length)
    expect(TICK_TASKS.map(({ name }) => ledger.filter((entry) => entry.startsWith(`${name}@`)).length)).toEqual(TICK_TASKS.map(() => SLOTS))
    expect(total('contended')).toBeGreaterThan(0)
    // The devtools read the fleet's tick history back from the same Redis.
    const source = await snapshotSource(redisTickStore(redis.client, { prefix }))
    expect(source.names()).toEqual(TICK_TASKS.map((task) => task.name))
    expect(source.names().map((name) => source.view(name)!.status.totalRuns)).toEqual(TICK_TASKS.map(() => SLOTS))
  })

  it('sheds low levels first under a budget, and runs what was shed once, at the next tick', async () => {
    await expectBudgetShedsLowFirst(redisTickStore(redis.client, { prefix: `${clientName}:budget:` }))
  })
})
