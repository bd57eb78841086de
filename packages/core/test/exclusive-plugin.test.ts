import { describe, expect, it } from 'vitest'
import { LeaseLostError } from '../src/exclusive/errors.ts'
import { exclusivePlugin } from '../src/exclusive/plugin.ts'
import { LEASE_BRAND, type Lease, type LeaseEvents, type LeaseSession } from '../src/lease.ts'
import type { RunnerStatus } from '../src/plugin.ts'
import { fakeHost } from './exclusive-host.ts'
import { FakeLocks } from './fake-locks.ts'

/** A lease the test drives by hand: `grant(fence)`, `lose(error)`, `otherHolds(holder)`. */
function manualLease() {
  let events: LeaseEvents | undefined
  let holding = false
  let fence: number | undefined
  let status: RunnerStatus = { role: 'standby', self: 'me:1' }
  const opened: string[] = []
  let closed = 0
  let closeError: Error | undefined
  const session: LeaseSession = {
    get holding() {
      return holding
    },
    get fence() {
      return fence
    },
    get status() {
      return status
    },
    close: () => {
      closed++
      holding = false
      return closeError === undefined ? Promise.resolve() : Promise.reject(closeError)
    },
  }
  const lease: Lease = {
    [LEASE_BRAND]: true,
    engine: 'manual',
    open: (key, given) => {
      opened.push(key)
      events = given
      return session
    },
  }
  return {
    lease,
    opened,
    closed: () => closed,
    events: () => events!,
    grant(next: number) {
      holding = true
      fence = next
      status = { role: 'this', self: 'me:1', holder: 'me:1', fence: next }
      events!.changed()
    },
    lose(error: Error) {
      holding = false
      status = { role: 'standby', self: 'me:1' }
      events!.lost(error)
    },
    otherHolds(holder: string, next: number) {
      status = { role: 'other', self: 'me:1', holder, fence: next }
      events!.changed()
    },
    failClose(error: Error) {
      closeError = error
    },
  }
}

describe('exclusivePlugin()', () => {
  it('does not attach to a task without exclusive', () => {
    expect(exclusivePlugin().attach(fakeHost({}))).toBeUndefined()
    expect(exclusivePlugin().attach(fakeHost({ exclusive: { open: () => {} } }))).toBeUndefined()
  })

  it('opens one session named after the task and gives it the task clock and logger', () => {
    const manual = manualLease()
    const host = fakeHost({ exclusive: manual.lease }, 'sync')
    exclusivePlugin().attach(host)
    expect(manual.opened).toEqual(['sync'])
    expect(manual.events().clock).toBe(host.clock)
    expect(manual.events().logger).toBe(host.logger)
  })

  it("admits scheduled runs only while holding, skipping (keeping the rhythm) otherwise", () => {
    const manual = manualLease()
    const session = exclusivePlugin().attach(fakeHost({ exclusive: manual.lease }))!
    expect(session.admit!(100)).toBe('skip')
    expect(session.fence).toBeUndefined()
    manual.grant(7)
    expect(session.admit!(200)).toBe('run')
    expect(session.fence).toBe(7)
    manual.lose(new Error('expired'))
    expect(session.admit!(300)).toBe('skip')
    expect(session.fence).toBeUndefined()
  })

  it('reports who runs through status().runner and announces changes', () => {
    const manual = manualLease()
    const host = fakeHost({ exclusive: manual.lease })
    const session = exclusivePlugin().attach(host)!
    expect(session.status!()).toEqual({ runner: { role: 'standby', self: 'me:1' } })
    manual.otherHolds('web-2:4242', 3)
    expect(session.status!()).toEqual({ runner: { role: 'other', self: 'me:1', holder: 'web-2:4242', fence: 3 } })
    manual.grant(4)
    expect(session.status!().runner).toMatchObject({ role: 'this', fence: 4 })
    expect(host.changes).toBe(2)
  })

  it('aborts the run in flight with a LeaseLostError when the holding is lost', () => {
    const manual = manualLease()
    const host = fakeHost({ exclusive: manual.lease })
    exclusivePlugin().attach(host)
    manual.grant(1)
    const cause = new Error('no renewal before expiry')
    manual.lose(cause)
    expect(host.aborted).toHaveLength(1)
    const reason = host.aborted[0]!
    expect(reason).toBeInstanceOf(LeaseLostError)
    expect(reason.name).toBe('LeaseLostError')
    expect(reason.message).toMatch(/task "job": the manual lease was lost/)
    expect(reason.cause).toBe(cause)
    expect(host.changes).toBe(2)
    // A lease that already reports a LeaseLostError is passed on as it is.
    const own = new LeaseLostError('renewal refused')
    manual.grant(2)
    manual.lose(own)
    expect(host.aborted[1]).toBe(own)
  })

  it('closes the session (releasing the lease) at detach, warning if that fails', async () => {
    const manual = manualLease()
    const host = fakeHost({ exclusive: manual.lease })
    const session = exclusivePlugin().attach(host)!
    manual.grant(1)
    manual.failClose(new Error('connection closed'))
    session.detach!()
    expect(manual.closed()).toBe(1)
    await host.clock.flush()
    expect(String(host.warnings[0]?.[0])).toMatch(/task "job": releasing the manual lease failed/)
  })

  it("uses Web Locks for exclusive: 'tabs', with the task's locks option", async () => {
    const locks = new FakeLocks()
    const first = fakeHost({ exclusive: 'tabs', locks: locks.tab('A') })
    const second = fakeHost({ exclusive: 'tabs', locks: locks.tab('B') })
    const a = exclusivePlugin().attach(first)!
    const b = exclusivePlugin().attach(second)!
    await first.clock.flush()
    expect([a.admit!(100), b.admit!(100)]).toEqual(['run', 'skip'])
    expect(a.status!().runner?.role).toBe('this')
    expect(b.status!().runner?.role).toBe('other')
    a.detach!()
    await first.clock.flush()
    expect([a.admit!(200), b.admit!(200)]).toEqual(['skip', 'run'])
    b.detach!()
  })
})

describe('exclusivePlugin() before start', () => {
  it('shows a runner status while the task is not started', () => {
    const plugin = exclusivePlugin() as ReturnType<typeof exclusivePlugin> & { idleStatus(options: object): unknown }
    expect(plugin.idleStatus({ exclusive: 'tabs' })).toEqual({ runner: { role: 'other' } })
    expect(plugin.idleStatus({ exclusive: manualLease().lease })).toEqual({ runner: { role: 'standby' } })
    expect(plugin.idleStatus({})).toBeUndefined()
  })
})

describe('exclusivePlugin().validate', () => {
  it('checks the exclusive and locks options, quoting them', () => {
    const plugin = exclusivePlugin() as ReturnType<typeof exclusivePlugin> & { validate(options: object): void }
    expect(() => plugin.validate({ name: 'x', exclusive: 'tabs' })).not.toThrow()
    expect(() => plugin.validate({ name: 'x', exclusive: 'windows' })).toThrow(/task "x": exclusive must be 'tabs'.*`"windows"` \(string\)/)
  })
})
