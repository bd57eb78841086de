// Tick mode on a fleet: 8 concurrent tick() callers in 4 processes share one
// PostgreSQL tick store; a ledger table with UNIQUE (task, slot) judges exactly-once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTask } from '../../src/create-task.ts'
import { sqlRunner } from '../../src/postgres/client.ts'
import { TaskRegistry } from '../../src/task-registry.ts'
import { snapshotSource } from '../../src/tick/snapshot-source.ts'
import { createTickTables, postgresTickStore } from '../../src/postgres/index.ts'
import { spawnChild } from './children.ts'
import { CLIENTS, connect, startPostgres, type NamedClient, type PostgresServer } from './postgres-helpers.ts'
import { BASE, expectBudgetShedsLowFirst, SLOT_MS, TICK_TASKS, type TickTally } from './tick-fleet.ts'
import { tickOnce } from './tick-once.ts'

const PROCESSES = 4
const CALLERS_PER_PROCESS = 2
const SLOTS = 200

let server: PostgresServer
beforeAll(async () => {
  server = await startPostgres()
})
afterAll(() => server?.stop())

describe.each(CLIENTS)('tick() on a PostgreSQL store with %s', (clientName) => {
  let client: NamedClient
  const sql = (text: string, params: unknown[] = []) => sqlRunner(client.db, 'test').run(text, params)
  beforeAll(() => {
    client = connect(clientName, server.url)
  })
  afterAll(() => client?.end())

  it(`runs each slot exactly once with ${PROCESSES * CALLERS_PER_PROCESS} callers in ${PROCESSES} processes over ${SLOTS} slots`, async () => {
    const table = `ticks_${clientName.replace('.', '_')}`
    const ledger = `ledger_${clientName.replace('.', '_')}`
    await createTickTables(client.db, { table })
    await sql(`CREATE TABLE ${ledger} (task text NOT NULL, slot bigint NOT NULL, pid int NOT NULL, UNIQUE (task, slot))`)
    const children = Array.from({ length: PROCESSES }, () =>
      spawnChild('node', 'packages/core/test/fleet/children/postgres-tick.ts', [server.url, clientName, table, ledger, String(CALLERS_PER_PROCESS), String(SLOTS)]),
    )
    await Promise.all(children.map((child) => child.line(/^ready$/)))
    for (const child of children) child.send('go')
    const tallies = await Promise.all(children.map(async (child) => JSON.parse(await child.line(/^\{/, 180_000)) as TickTally))
    const total = (field: keyof TickTally) => tallies.reduce((sum, tally) => sum + tally[field], 0)
    const [counts] = await sql(`SELECT count(*)::int AS rows, count(DISTINCT (task, slot))::int AS distinct_slots, count(DISTINCT pid)::int AS processes FROM ${ledger}`)
    const perTask = await sql(`SELECT task, count(*)::int AS runs FROM ${ledger} GROUP BY task ORDER BY task`)
    console.log(
      `[postgres ${clientName}] ${PROCESSES * CALLERS_PER_PROCESS} callers × ${SLOTS} slots × ${TICK_TASKS.length} tasks: ${total('runs')} runs, ` +
        `${counts!.rows} ledger rows (${counts!.distinct_slots} distinct (task, slot), written by ${counts!.processes} processes), ` +
        `${total('duplicates')} unique-index violations, ${total('contended')} claims lost to another caller; ` +
        `ctx.scheduledAt at most ${Math.max(...tallies.map((tally) => tally.maxSlotDriftMs)).toFixed(3)} ms off its slot`,
    )
    expect(total('duplicates')).toBe(0)
    expect(counts!.rows).toBe(SLOTS * TICK_TASKS.length)
    expect(total('runs')).toBe(SLOTS * TICK_TASKS.length)
    expect(perTask.map((row) => row.runs)).toEqual(TICK_TASKS.map(() => SLOTS))
    expect(total('contended')).toBeGreaterThan(0)
    // The devtools read the fleet's tick history back from the same table.
    const source = await snapshotSource(postgresTickStore(client.db, { table }))
    expect(source.names()).toEqual(TICK_TASKS.map((task) => task.name))
    expect(source.names().map((name) => source.view(name)!.status.totalRuns)).toEqual(TICK_TASKS.map(() => SLOTS))
  })

  it('sheds low levels first under a budget, and runs what was shed once, at the next tick', async () => {
    const table = `budget_${clientName.replace('.', '_')}`
    await createTickTables(client.db, { table })
    await expectBudgetShedsLowFirst(postgresTickStore(client.db, { table }))
  })
})

describe('tick() while PostgreSQL is unreachable', () => {
  it.each(CLIENTS)('with %s: claims nothing and runs nothing (the tick rejects with the client error)', async (clientName) => {
    // A port nobody listens on: the claim cannot be made, so the run must not happen unclaimed.
    const unreachable = connect(clientName, 'postgres://tickwork@127.0.0.1:1/tickwork')
    const registry = new TaskRegistry()
    let runs = 0
    createTask({ name: 'report', interval: SLOT_MS, registry, run: () => void runs++ })
    try {
      await expect(tickOnce(registry, { now: BASE, store: postgresTickStore(unreachable.db) })).rejects.toThrow(/ECONNREFUSED|connect/)
      expect(runs).toBe(0)
    } finally {
      await unreachable.end()
    }
  })
})

