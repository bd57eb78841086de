// The Redis lease on its own (no task loop), against a real redis-server.
// Timing figures are printed; bounds are generous and inherent to leases.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock.ts'
import type { LeaseEvents, LeaseSession } from '../../src/lease.ts'
import { redisLease } from '../../src/redis/index.ts'
import { connectRedis, REDIS_CLIENTS, startRedis, type NamedRedis, type RedisServer } from './redis-helpers.ts'
import { pause, waitUntil } from './wait-for.ts'

const TTL = 600
const INTERVAL = TTL / 3

let server: RedisServer
beforeAll(async () => {
  server = await startRedis()
})
afterAll(() => server?.stop())

/** Lease events that keep what the session reported. */
function recorder() {
  const lost: Error[] = []
  const warnings: unknown[][] = []
  const events: LeaseEvents = {
    changed: () => {},
    lost: (error) => void lost.push(error),
    logger: { warn: (...args) => void warnings.push(args) },
    clock: systemClock,
  }
  return { events, lost, warnings }
}

describe.each(REDIS_CLIENTS)('redisLease() with %s', (clientName) => {
  let redis: NamedRedis
  let sessions: LeaseSession[] = []
  let round = 0
  const prefix = () => `${clientName}:${round}:`
  beforeAll(async () => {
    redis = await connectRedis(clientName, server.url)
  })
  afterEach(async () => {
    await Promise.all(sessions.map((session) => session.close()))
    sessions = []
    round++
  })
  afterAll(() => redis?.close())

  function open(holderId: string, key = 'job', events = recorder().events): LeaseSession {
    const session = redisLease(redis.client, { ttlMs: TTL, prefix: prefix(), holderId }).open(key, events)
    sessions.push(session)
    return session
  }
  const holders = () => sessions.filter((session) => session.holding)

  it('lets one of three contenders hold, and tells the others who does', async () => {
    const [a, b, c] = ['web-1:11', 'web-2:22', 'web-3:33'].map((id) => open(id))
    await waitUntil(() => holders().length === 1 && sessions.every((session) => session.status.role !== 'standby'), 'one holder, two who know it')
    const holder = holders()[0]!
    expect(holder.status).toEqual({ role: 'this', self: holder.status.self, holder: holder.status.self, fence: 1 })
    expect(holder.fence).toBe(1)
    for (const session of [a, b, c].filter((session) => session !== holder)) {
      expect(session!.status).toMatchObject({ role: 'other', holder: holder.status.self, fence: 1 })
      expect(session!.fence).toBeUndefined()
    }
    expect(await redis.command('GET', `${prefix()}lease:{job}`)).toBe(`1 ${holder.status.self}`)
    // Renewals keep it: still one holder, the same, after several TTLs.
    await pause(TTL * 2.5)
    expect(holders()).toEqual([holder])
    expect(Number(await redis.command('PTTL', `${prefix()}lease:{job}`))).toBeGreaterThan(TTL / 3)
  })

  it('releases on close, so a standby takes over within one retry, with a larger fence', async () => {
    const fences: number[] = []
    open('a:1')
    open('b:2')
    for (let handover = 0; handover < 3; handover++) {
      await waitUntil(() => holders().length === 1, 'a holder')
      const holder = holders()[0]!
      fences.push(holder.fence!)
      const closedAt = performance.now()
      await holder.close()
      sessions.splice(sessions.indexOf(holder), 1)
      open(`again:${handover}`)
      await waitUntil(() => holders().length === 1, 'a new holder')
      const takeover = performance.now() - closedAt
      console.log(`[${clientName}] takeover after release: ${takeover.toFixed(0)} ms (retry interval ${INTERVAL} ms, ttl ${TTL} ms)`)
      expect(takeover).toBeLessThan(TTL)
    }
    fences.push(holders()[0]!.fence!)
    expect(fences).toEqual([...fences].sort((x, y) => x - y))
    expect(new Set(fences).size).toBe(fences.length)
  })

  it('reports a LeaseLostError when a renewal is refused (the lease was taken), and competes again', async () => {
    const record = recorder()
    const session = open('a:1', 'job', record.events)
    await waitUntil(() => session.holding, 'holding')
    // Another holder appears with a later fence, as after an expiry this side missed.
    await redis.command('SET', `${prefix()}lease:{job}`, '99 intruder:9', 'PX', String(TTL))
    await waitUntil(() => record.lost.length === 1, 'lost')
    expect(record.lost[0]!.name).toBe('LeaseLostError')
    expect(record.lost[0]!.message).toMatch(/task "job": the redis lease was lost/)
    expect(session.holding).toBe(false)
    await waitUntil(() => session.status.role === 'other', 'knows the intruder')
    expect(session.status).toMatchObject({ holder: 'intruder:9', fence: 99 })
    // The intruder's holding expires: this session takes the lease back.
    await waitUntil(() => session.holding, 'holding again')
    expect(session.fence).toBeGreaterThan(1)
  })

  it('stops holding while Redis is paused longer than ttlMs, warns once per outage, and holds again after', async () => {
    const record = recorder()
    const lease = redisLease(redis.client, { ttlMs: TTL, prefix: prefix(), holderId: 'a:1' })
    sessions.push(lease.open('one', record.events), lease.open('two', record.events))
    await waitUntil(() => holders().length === 2, 'both held')
    for (let outage = 1; outage <= 2; outage++) {
      const pausedAt = performance.now()
      server.pause()
      try {
        await waitUntil(() => holders().length === 0 && record.lost.length === 2 * outage, () => `holdings given up and reported lost (${holders().length} holding, ${record.lost.length} lost)`, TTL * 5)
        const gaveUp = performance.now() - pausedAt
        console.log(`[${clientName}] outage ${outage}: stopped holding ${gaveUp.toFixed(0)} ms after Redis froze (ttl ${TTL} ms)`)
        expect(gaveUp).toBeLessThanOrEqual(TTL + 250)
        await pause(TTL)
      } finally {
        server.resume()
      }
      expect(record.lost.every((error) => error.name === 'LeaseLostError')).toBe(true)
      // Two sessions, many attempts each: one warning for this outage.
      expect(record.warnings).toHaveLength(outage)
      expect(String(record.warnings[0]![0])).toMatch(/redis is unreachable/)
      await waitUntil(() => holders().length === 2, 'held again after the outage')
    }
  })
})
