import { afterEach, describe, expect, it, vi } from 'vitest'
import { InvalidOptionError } from '../src/errors.ts'
import { validateExclusive } from '../src/exclusive/option.ts'
import { lockNameFor, webLocksLease, type LockManagerLike } from '../src/exclusive/web-locks.ts'
import type { LeaseEvents, LeaseSession } from '../src/lease.ts'
import { createTestClock } from '../src/testing.ts'
import { FakeLocks } from './fake-locks.ts'

afterEach(() => {
  vi.unstubAllGlobals()
})

const clock = createTestClock()

/** Lease events that count changes and keep warnings. */
function events() {
  const recorded = { changes: 0, warnings: [] as unknown[][], given: undefined as unknown as LeaseEvents }
  recorded.given = {
    changed: () => void recorded.changes++,
    lost: () => {},
    logger: { warn: (...args) => void recorded.warnings.push(args) },
    clock,
  }
  return recorded
}

/** One session per tab of one origin, all competing for the lock of `report`. */
function tabs(count: number) {
  const locks = new FakeLocks()
  const sessions = Array.from({ length: count }, (_, index) => webLocksLease(locks.tab(String.fromCharCode(65 + index))).open('report', events().given))
  return { locks, sessions, roles: () => sessions.map((session) => session.status.role) }
}

const settle = () => clock.flush()

describe('webLocksLease()', () => {
  it('lets one tab hold while the others wait', async () => {
    const { locks, sessions, roles } = tabs(3)
    await settle()
    expect(roles()).toEqual(['this', 'other', 'other'])
    expect(sessions.map((session) => session.holding)).toEqual([true, false, false])
    expect(locks.holder(lockNameFor('report'))).toBe('A')
    expect(sessions[0]!.fence).toBeUndefined()
    await Promise.all(sessions.map((session) => session.close()))
  })

  it('passes to the next tab when the holder closes its session', async () => {
    const { sessions, roles } = tabs(2)
    await settle()
    await sessions[0]!.close()
    await settle()
    expect(roles()).toEqual(['other', 'this'])
    await sessions[1]!.close()
  })

  it('passes to the next tab when the holder tab closes', async () => {
    const { locks, sessions } = tabs(2)
    await settle()
    locks.closeTab('A')
    await settle()
    expect(locks.holder(lockNameFor('report'))).toBe('B')
    expect(sessions[1]!.holding).toBe(true)
    await sessions[1]!.close()
  })

  it('withdraws a waiting request on close, without an unhandled rejection, and queues again when reopened', async () => {
    const locks = new FakeLocks()
    const a = webLocksLease(locks.tab('A')).open('report', events().given)
    let b: LeaseSession = webLocksLease(locks.tab('B')).open('report', events().given)
    await settle()
    expect(locks.waiting(lockNameFor('report'))).toBe(1)
    await b.close()
    await settle()
    expect(locks.waiting(lockNameFor('report'))).toBe(0)
    expect(b.status.role).toBe('other')
    b = webLocksLease(locks.tab('B')).open('report', events().given)
    await a.close()
    await settle()
    expect(b.holding).toBe(true)
    await b.close()
  })

  it('announces each role change', async () => {
    const recorded = events()
    const session = webLocksLease(new FakeLocks().tab('A')).open('job', recorded.given)
    expect(session.status.role).toBe('other')
    await settle()
    expect(session.status.role).toBe('this')
    expect(recorded.changes).toBe(1)
    await session.close()
    expect(recorded.changes).toBe(2)
  })

  it("holds 'local-only' where Web Locks are missing, looked up when the session opens", async () => {
    vi.stubGlobal('navigator', undefined)
    const lease = webLocksLease()
    const alone = lease.open('job', events().given)
    expect(alone.holding).toBe(true)
    expect(alone.status.role).toBe('local-only')
    await alone.close()
    expect(alone.status.role).toBe('local-only')

    // Web Locks that appear after the lease was made are used: nothing is read early.
    const locks = new FakeLocks()
    vi.stubGlobal('navigator', { locks: locks.tab('A') })
    const later = lease.open('later', events().given)
    await settle()
    expect(later.status.role).toBe('this')
    expect(locks.holder(lockNameFor('later'))).toBe('A')
    await later.close()
  })

  it("falls back to 'local-only' with a warning when the lock is refused or the request throws", async () => {
    const recorded = events()
    const refusing: LockManagerLike = { request: () => Promise.reject(Object.assign(new Error('opaque origin'), { name: 'SecurityError' })) }
    const refused = webLocksLease(refusing).open('job', recorded.given)
    await settle()
    expect(refused.status.role).toBe('local-only')
    expect(refused.holding).toBe(true)
    expect(String(recorded.warnings[0]?.[0])).toMatch(/task "job": the Web Lock "tickwork:task:job" was refused/)
    const throwing: LockManagerLike = {
      request: () => {
        throw new TypeError('broken')
      },
    }
    const broken = webLocksLease(throwing).open('other', events().given)
    await settle()
    expect(broken.status.role).toBe('local-only')
    await Promise.all([refused.close(), broken.close()])
  })

  it('queues up again when the lock is taken away (steal)', async () => {
    let grants = 0
    let steal: (() => void) | undefined
    const stealing: LockManagerLike = {
      request: (_name, _options, callback) => {
        grants++
        return new Promise((resolve, reject) => {
          void Promise.resolve(callback({})).then(resolve)
          steal = () => reject(Object.assign(new Error('stolen'), { name: 'AbortError' }))
        })
      },
    }
    const session = webLocksLease(stealing).open('job', events().given)
    await settle()
    expect(grants).toBe(1)
    steal!()
    await settle()
    expect(grants).toBe(2)
    expect(session.status.role).toBe('this')
    await session.close()
  })
})

describe('validateExclusive()', () => {
  it('accepts tabs, a lease or nothing, and rejects anything else, quoting it', () => {
    expect(() => validateExclusive('x', undefined, undefined)).not.toThrow()
    expect(() => validateExclusive('x', 'tabs', new FakeLocks().tab('A'))).not.toThrow()
    expect(() => validateExclusive('x', webLocksLease(), undefined)).not.toThrow()
    expect(() => validateExclusive('x', 'windows', undefined)).toThrow(InvalidOptionError)
    expect(() => validateExclusive('x', 'windows', undefined)).toThrow(/task "x": exclusive must be 'tabs'.*or a lease.*`"windows"` \(string\)/)
    expect(() => validateExclusive('x', true, undefined)).toThrow(/`true` \(boolean\)/)
    expect(() => validateExclusive('x', { open: () => {} }, undefined)).toThrow(/exclusive must be/)
    expect(() => validateExclusive('x', 'tabs', {})).toThrow(/locks must be a lock manager with a request/)
  })
})
