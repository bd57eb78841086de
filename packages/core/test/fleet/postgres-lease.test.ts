// The PostgreSQL lease on its own (no task loop), against a real server, with
// both clients. Timing figures are printed; bounds are generous and inherent to leases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock.ts'
import { LeaseLostError } from '../../src/exclusive/errors.ts'
import type { LeaseSession } from '../../src/lease.ts'
import { sqlRunner } from '../../src/postgres/client.ts'
import { createTickTables, postgresLease } from '../../src/postgres/index.ts'
import { CLIENTS, connect, startPostgres, type NamedClient, type PostgresServer } from './postgres-helpers.ts'
import { pause, waitUntil } from './wait-for.ts'
import { leaseRecorder } from '../lease-recorder.ts'

const TTL = 600
const INTERVAL = TTL / 3
/** Long enough that nothing expires during a test: only a release lets a standby in. */
const LONG_TTL = 3_000

let server: PostgresServer
let admin: NamedClient
beforeAll(async () => {
  server = await startPostgres()
  admin = connect('pg', server.url)
  await createTickTables(admin.db)
})
afterAll(async () => {
  server?.unblock()
  await admin?.end()
  await server?.stop()
})

const recorder = () => leaseRecorder(systemClock)

let keys = 0
const freshKey = (): string => `task-${++keys}`

const adminSql = (text: string, params: unknown[]) => sqlRunner(admin.db, 'test').run(text, params)
const row = async (key: string) =>
  (await adminSql('SELECT holder, fence::int AS fence, expires_at > now() AS live FROM tickwork_leases WHERE key = $1', [key]))[0] as
    | { holder: string | null; fence: number; live: boolean }
    | undefined

describe.each(CLIENTS)('postgresLease() with %s', (name) => {
  let client: NamedClient
  const open: LeaseSession[] = []
  beforeAll(() => {
    client = connect(name, server.url)
  })
  afterAll(async () => {
    for (const session of open) await session.close().catch(() => {})
    await client.end()
  })
  const session = (key: string, holderId: string, ttlMs = TTL, events = recorder().events): LeaseSession => {
    const opened = postgresLease(client.db, { ttlMs, holderId }).open(key, events)
    open.push(opened)
    return opened
  }

  it('lets one of three holders hold, with fence 1, and shows the others who holds', async () => {
    const key = freshKey()
    const [a, b, c] = ['a:1', 'b:2', 'c:3'].map((id) => session(key, id, LONG_TTL))
    await waitUntil(() => [a, b, c].filter((s) => s!.holding).length === 1 && [a, b, c].every((s) => s!.status.role !== 'standby'), 'one holder, two standbys who know it')
    const holder = [a, b, c].find((s) => s!.holding)!
    expect(holder.fence).toBe(1)
    expect(holder.status).toMatchObject({ role: 'this', fence: 1 })
    for (const other of [a, b, c].filter((s) => s !== holder)) {
      expect(other!.status).toMatchObject({ role: 'other', holder: holder.status.self, fence: 1 })
      expect(other!.fence).toBeUndefined()
    }
    // Renewals keep it: still the same holder a whole TTL later.
    await pause(LONG_TTL)
    expect(holder.holding).toBe(true)
    expect((await row(key))?.holder).toBe(holder.status.self)
  })

  it('close() releases at once: a standby takes over within one interval, with the next fence', async () => {
    const key = freshKey()
    const a = session(key, 'a:1', LONG_TTL)
    await waitUntil(() => a.holding, 'a holds')
    const b = session(key, 'b:2', LONG_TTL)
    await waitUntil(() => b.status.role === 'other', 'b sees a')
    const closedAt = Date.now()
    await a.close()
    expect(a.holding).toBe(false)
    expect((await row(key))?.holder).toBeNull()
    await waitUntil(() => b.holding, 'b takes over')
    const takeover = Date.now() - closedAt
    console.log(`[postgres ${name}] takeover after close(): ${takeover} ms (interval ${LONG_TTL / 3} ms, TTL ${LONG_TTL} ms)`)
    expect(b.fence).toBe(2)
    // Well under the TTL: the release, not the expiry, let it in.
    expect(takeover).toBeLessThan(LONG_TTL / 3 + 1_000)
  })

  it('takes over from a holder that vanished only once the database says its expiry passed', async () => {
    const key = freshKey()
    // A holder that died without releasing: its row expires in 300 ms by the database's clock.
    await adminSql("INSERT INTO tickwork_leases (key, holder, fence, expires_at) VALUES ($1, 'ghost:9', 41, now() + interval '300 milliseconds')", [key])
    const b = session(key, 'b:2')
    await waitUntil(() => b.status.role === 'other', 'b sees the ghost')
    expect(b.status).toMatchObject({ holder: 'ghost:9', fence: 41 })
    await waitUntil(() => b.holding, 'b takes over after the expiry')
    expect(b.fence).toBe(42)
    expect((await row(key))?.live).toBe(true)
  })

  it('reports lost with a LeaseLostError when its renewal is refused (another holder took the row)', async () => {
    const key = freshKey()
    const { events, lost } = recorder()
    const a = session(key, 'a:1', TTL, events)
    await waitUntil(() => a.holding, 'a holds')
    await adminSql("UPDATE tickwork_leases SET holder = 'thief:7', fence = fence + 1 WHERE key = $1", [key])
    await waitUntil(() => lost.length === 1, 'a notices at its next renewal')
    expect(lost[0]).toBeInstanceOf(LeaseLostError)
    expect(lost[0]!.message).toMatch(/task "task-\d+": the postgres lease was lost \(the renewal was refused/)
    expect(a.holding).toBe(false)
    await waitUntil(() => a.status.role === 'other', 'a learns who has it')
    expect(a.status).toMatchObject({ role: 'other', holder: 'thief:7', fence: 2 })
  })

  it('closing a standby does not touch the holder', async () => {
    const key = freshKey()
    const a = session(key, 'a:1', LONG_TTL)
    await waitUntil(() => a.holding, 'a holds')
    const b = session(key, 'b:2', LONG_TTL)
    await waitUntil(() => b.status.role === 'other', 'b sees a')
    await b.close()
    expect(a.holding).toBe(true)
    expect((await row(key))?.holder).toBe('a:1')
  })
})

describe('an unreachable database (server frozen longer than the TTL)', () => {
  it.each(CLIENTS)('with %s: the holder loses the lease, one warning per outage, and holds again after', async (name) => {
    const client = connect(name, server.url)
    const key = freshKey()
    const { events, lost, warnings } = recorder()
    const a = postgresLease(client.db, { ttlMs: TTL, holderId: 'a:1' }).open(key, events)
    try {
      await waitUntil(() => a.holding, 'a holds')
      const fence = a.fence!
      for (let outage = 1; outage <= 2; outage++) {
        const blockedAt = Date.now()
        server.block()
        try {
          await waitUntil(() => lost.length === outage, `a loses the lease in outage ${outage}`)
          const lostAfter = Date.now() - blockedAt
          // Several attempts go unanswered during the outage: still one warning.
          await pause(TTL)
          console.log(`[postgres ${name}] outage ${outage}: lost after ${lostAfter} ms (TTL ${TTL} ms); ${warnings.length} warning(s) so far`)
          expect(lostAfter).toBeLessThanOrEqual(TTL + INTERVAL)
          expect(a.holding).toBe(false)
        } finally {
          server.unblock()
        }
        await waitUntil(() => a.holding, `a holds again after outage ${outage}`)
        expect(warnings).toHaveLength(outage)
        expect(String(warnings[outage - 1]![0])).toMatch(/task "task-\d+": postgres is unreachable \(no answer for \d+ ms\); tasks leased through it do not run/)
      }
      expect(lost.every((error) => error instanceof LeaseLostError)).toBe(true)
      // Each holding after an outage is a new acquisition.
      expect(a.fence).toBeGreaterThan(fence)
    } finally {
      await a.close()
      await client.end()
    }
  })

  it('warns once when the database refuses connections, and runs nothing meanwhile', async () => {
    // A port nobody listens on: every attempt fails at once.
    const client = connect('pg', `postgres://tickwork@127.0.0.1:1/tickwork`)
    const { events, warnings } = recorder()
    const a = postgresLease(client.db, { ttlMs: 90, holderId: 'a:1' }).open(freshKey(), events)
    await pause(400)
    expect(a.holding).toBe(false)
    expect(a.status.role).toBe('standby')
    expect(warnings).toHaveLength(1)
    expect(String(warnings[0]![0])).toMatch(/postgres is unreachable \(.*ECONNREFUSED/)
    await a.close()
    await client.end()
  })
})
