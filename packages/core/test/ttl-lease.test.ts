// The engine-neutral lease session on a virtual clock, over an engine kept in
// memory on the same clock (the real engines are proven in test/fleet/).
import { describe, expect, it } from 'vitest'
import { LeaseLostError } from '../src/exclusive/errors.ts'
import type { LeaseSession } from '../src/lease.ts'
import { createTestClock, type TestClock } from '../src/testing.ts'
import { ttlLease, type AcquireResult, type TtlLeaseEngine } from '../src/ttl-lease.ts'
import { leaseRecorder as recorder } from './lease-recorder.ts'

const TTL = 300
const INTERVAL = TTL / 3

interface Row {
  holder: string | null
  fence: number
  expiresAt: number
}

/**
 * A lease engine in memory, judged on `clock`: what PostgreSQL or Redis do in
 * one statement. `down()` holds every answer back until `up()` (a frozen
 * server); `refuse()` makes calls fail at once (connection refused).
 */
function memoryEngine(clock: TestClock) {
  const rows = new Map<string, Row>()
  let held: (() => void)[] | undefined
  let slow = false
  let refusing = false
  let calls = 0
  /** Runs `op` on the engine's clock when the answer can get through. */
  const call = <T>(op: () => T): Promise<T> => {
    calls++
    if (refusing) return Promise.reject(new Error('connect ECONNREFUSED'))
    if (held === undefined) return Promise.resolve(op())
    const queue = held
    if (slow) {
      // A slow network: the statement ran now, its answer comes late.
      const answer = op()
      return new Promise<T>((resolve) => queue.push(() => resolve(answer)))
    }
    // A frozen server runs the statement when it wakes, on its clock then.
    return new Promise<T>((resolve) => queue.push(() => resolve(op())))
  }
  const engineFor = (holderId: string): TtlLeaseEngine => ({
    engine: 'memory',
    ttlMs: TTL,
    holderId,
    acquire: (key) =>
      call((): AcquireResult => {
        const row = rows.get(key)
        if (row === undefined || row.holder === null || row.expiresAt <= clock.now()) {
          const fence = (row?.fence ?? 0) + 1
          rows.set(key, { holder: holderId, fence, expiresAt: clock.now() + TTL })
          return { acquired: true, fence }
        }
        return { acquired: false, holder: row.holder, fence: row.fence }
      }),
    renew: (key, fence) =>
      call(() => {
        const row = rows.get(key)
        if (row === undefined || row.holder !== holderId || row.fence !== fence || row.expiresAt <= clock.now()) return false
        row.expiresAt = clock.now() + TTL
        return true
      }),
    release: (key, fence) =>
      call(() => {
        const row = rows.get(key)
        if (row !== undefined && row.holder === holderId && row.fence === fence) Object.assign(row, { holder: null, expiresAt: clock.now() })
      }),
  })
  return {
    rows,
    calls: () => calls,
    engineFor,
    /** Holds answers back until up(): `frozen` runs the statements then, `slow` ran them already. */
    down: (how: 'frozen' | 'slow' = 'frozen') => {
      held = []
      slow = how === 'slow'
    },
    up: () => {
      const queue = held ?? []
      held = undefined
      for (const answer of queue) answer()
    },
    refuse: (on: boolean) => {
      refusing = on
    },
  }
}


function setup() {
  const clock = createTestClock({ now: 1_000 })
  const engine = memoryEngine(clock)
  const open = (holderId: string, key = 'job'): { session: LeaseSession } & ReturnType<typeof recorder> => {
    const record = recorder(clock)
    return { session: ttlLease(engine.engineFor(holderId)).open(key, record.events), ...record }
  }
  return { clock, engine, open }
}

describe('ttlLease()', () => {
  it('lets the first session hold (fence 1) and shows the second who does', async () => {
    const { clock, open } = setup()
    const a = open('a:1')
    const b = open('b:2')
    await clock.advance(0)
    expect(a.session.holding).toBe(true)
    expect(a.session.fence).toBe(1)
    expect(a.session.status).toEqual({ role: 'this', self: 'a:1', holder: 'a:1', fence: 1 })
    expect(b.session.holding).toBe(false)
    expect(b.session.fence).toBeUndefined()
    expect(b.session.status).toEqual({ role: 'other', self: 'b:2', holder: 'a:1', fence: 1 })
    expect(a.changes()).toBe(1)
  })

  it('keeps holding through renewals every ttl / 3', async () => {
    const { clock, engine, open } = setup()
    const a = open('a:1')
    await clock.advance(0)
    const before = engine.calls()
    await clock.advance(TTL * 10)
    expect(a.session.holding).toBe(true)
    expect(engine.calls() - before).toBe(10 * 3)
    expect(a.lost).toEqual([])
  })

  it('close() releases at once: the standby holds at its next attempt, with the next fence', async () => {
    const { clock, engine, open } = setup()
    const a = open('a:1')
    const b = open('b:2')
    await clock.advance(0)
    await a.session.close()
    expect(a.session.holding).toBe(false)
    expect(engine.rows.get('job')?.holder).toBeNull()
    await clock.advance(INTERVAL)
    expect(b.session.holding).toBe(true)
    expect(b.session.fence).toBe(2)
    // A clean stop is not a loss.
    expect(a.lost).toEqual([])
  })

  it('takes over from a holder that stopped renewing once its expiry passed, within ttl + one interval', async () => {
    const { clock, engine, open } = setup()
    engine.rows.set('job', { holder: 'dead:9', fence: 7, expiresAt: clock.now() + TTL })
    const b = open('b:2')
    await clock.advance(0)
    expect(b.session.status).toMatchObject({ role: 'other', holder: 'dead:9', fence: 7 })
    await clock.advance(TTL - 1)
    expect(b.session.holding).toBe(false)
    await clock.advance(INTERVAL + 1)
    expect(b.session.holding).toBe(true)
    expect(b.session.fence).toBe(8)
  })

  it('reports lost with a LeaseLostError when a renewal is refused, and learns the new holder at once', async () => {
    const { clock, engine, open } = setup()
    const a = open('a:1')
    await clock.advance(0)
    engine.rows.set('job', { holder: 'thief:3', fence: 2, expiresAt: clock.now() + TTL })
    await clock.advance(INTERVAL)
    expect(a.lost).toHaveLength(1)
    expect(a.lost[0]).toBeInstanceOf(LeaseLostError)
    expect(a.lost[0]!.message).toBe(
      '[tickwork] task "job": the memory lease was lost (the renewal was refused: it had expired or another holder took it); this process stops running the task until it holds the lease again',
    )
    expect(a.session.status).toEqual({ role: 'other', self: 'a:1', holder: 'thief:3', fence: 2 })
  })

  describe('while the engine does not answer', () => {
    it('stops holding at ttl after the last renewal was sent, reports lost once, and warns once for the outage', async () => {
      const { clock, engine, open } = setup()
      const a = open('a:1')
      await clock.advance(0)
      const lastRenewalSent = clock.now() + INTERVAL
      await clock.advance(INTERVAL)
      engine.down()
      await clock.advance(INTERVAL)
      expect(a.session.holding).toBe(true)
      await clock.advance(lastRenewalSent + TTL - clock.now() - 1)
      expect(a.session.holding).toBe(true)
      await clock.advance(1)
      expect(a.session.holding).toBe(false)
      expect(a.lost).toHaveLength(1)
      expect(a.lost[0]!.message).toContain(`(no renewal within ${TTL} ms)`)
      await clock.advance(TTL * 5)
      expect(a.warnings).toHaveLength(1)
      expect(String(a.warnings[0]![0])).toBe(
        `[tickwork] task "job": memory is unreachable (no answer for ${INTERVAL} ms); tasks leased through it do not run until it answers again`,
      )
      expect(a.lost).toHaveLength(1)
    })

    it('gives back a holding whose renewal is answered after it was lost, so the next holding has a new fence', async () => {
      const { clock, engine, open } = setup()
      const a = open('a:1')
      await clock.advance(0)
      // The renewal reaches the engine (extending the row) but its answer arrives after the holding ran out here.
      engine.down('slow')
      await clock.advance(TTL)
      expect(a.lost).toHaveLength(1)
      engine.up()
      await clock.flush()
      expect(engine.rows.get('job')?.holder).toBeNull()
      await clock.advance(INTERVAL)
      expect(a.session.holding).toBe(true)
      expect(a.session.fence).toBe(2)
    })

    it('does not count an acquisition answered later than ttl, and renews at once to hold for real', async () => {
      const { clock, engine, open } = setup()
      engine.down()
      const a = open('a:1')
      await clock.advance(TTL + 10)
      engine.up()
      await clock.flush()
      // Acquired on the engine when it woke, but the answer took longer than a TTL: not announced as holding yet.
      expect(a.changes()).toBe(0)
      await clock.advance(0)
      expect(a.session.holding).toBe(true)
      expect(a.session.fence).toBe(1)
      expect(a.lost).toEqual([])
    })

    it('releases an acquisition that is answered after close()', async () => {
      const { clock, engine, open } = setup()
      engine.down()
      const a = open('a:1')
      await clock.advance(0)
      await a.session.close()
      engine.up()
      await clock.flush()
      expect(engine.rows.get('job')).toMatchObject({ holder: null, fence: 1 })
      expect(a.session.holding).toBe(false)
    })
  })

  it('warns once per outage when calls fail, shared by the sessions of one lease, and holds again after', async () => {
    const clock = createTestClock({ now: 1_000 })
    const engine = memoryEngine(clock)
    const lease = ttlLease(engine.engineFor('a:1'))
    const record = recorder(clock)
    const sessions = ['one', 'two', 'three'].map((key) => lease.open(key, record.events))
    engine.refuse(true)
    await clock.advance(TTL * 3)
    expect(sessions.every((session) => !session.holding && session.status.role === 'standby')).toBe(true)
    expect(record.warnings).toHaveLength(1)
    expect(String(record.warnings[0]![0])).toMatch(/memory is unreachable \(connect ECONNREFUSED\)/)
    engine.refuse(false)
    await clock.advance(INTERVAL)
    expect(sessions.every((session) => session.holding)).toBe(true)
    engine.refuse(true)
    await clock.advance(TTL * 2)
    expect(record.warnings).toHaveLength(2)
    expect(record.lost).toHaveLength(3)
  })

  it('arms only unref-ed timers, and none once closed', async () => {
    const clock = createTestClock({ now: 0 })
    const engine = memoryEngine(clock)
    const armed: unknown[] = []
    const unrefed = new Set<unknown>()
    const spy = { ...clock, setTimeout: (cb: () => void, ms: number) => (armed.push(clock.setTimeout(cb, ms)), armed.at(-1)), unref: (handle: unknown) => void unrefed.add(handle) }
    const session = ttlLease(engine.engineFor('a:1')).open('job', { ...recorder(clock).events, clock: spy })
    await clock.advance(TTL * 2)
    expect(armed.length).toBeGreaterThan(0)
    expect(armed.every((handle) => unrefed.has(handle))).toBe(true)
    await session.close()
    const count = armed.length
    await clock.advance(TTL * 2)
    expect(armed.length).toBe(count)
  })
})
