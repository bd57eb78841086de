// The two halves of the bridge together: exposeRegistry() here, and
// connectRegistry() from @tickwork/devtools (it has no React in it).
import { afterEach, describe, expect, it } from 'vitest'
import { connectRegistry, type RemoteRegistrySource } from '../../devtools/src/remote/index.ts'
import { InvalidOptionError } from '../src/index.ts'
import { bridgeMessage, exposeRegistry, localSource, type SourceChange } from '../src/bridge/index.ts'
import { settle, until } from './bridge-helpers.ts'
import { FakeLocks } from './fake-locks.ts'
import { setup } from './helpers.ts'

const closers: (() => void)[] = []
afterEach(() => {
  for (const close of closers.splice(0).reverse()) close()
})

function channel(): MessageChannel {
  const created = new MessageChannel()
  closers.push(() => {
    created.port1.close()
    created.port2.close()
  })
  return created
}

function broadcast(name: string): BroadcastChannel {
  const created = new BroadcastChannel(name)
  closers.push(() => created.close())
  return created
}

/** A worker-like registry on port1 and a connected client on port2. */
async function connected(options: { label?: string } = {}, coalesceMs = 20) {
  const env = setup(10_000)
  const { port1, port2 } = channel()
  env.make({ name: 'sync', interval: 100, level: 'high' })
  env.make({ name: 'flush', interval: 1000 })
  const exposure = exposeRegistry(env.registry, port1, { name: 'worker "sync"', coalesceMs })
  closers.push(exposure)
  const remote = connectRegistry(port2, { ...options, clock: env.clock })
  closers.push(() => remote.close())
  const changes: SourceChange[] = []
  remote.subscribe((change) => changes.push(change))
  await remote.ready
  return { ...env, exposure, remote, changes, port1, port2 }
}

describe('connectRegistry()', () => {
  it('mirrors the remote registry from its snapshot', async () => {
    const { remote, registry, changes } = await connected()
    expect(remote.connected).toBe(true)
    expect(remote.label).toBe('worker "sync"')
    expect(remote.controllable).toBe(true)
    expect(remote.names()).toEqual(['sync', 'flush'])
    expect(remote.view('sync')).toEqual(localSource(registry).view('sync'))
    expect(remote.view('missing')).toBeUndefined()
    expect(changes).toEqual([{ names: ['sync', 'flush'], structure: true }])
    expect(remote.diagnostics()).toMatchObject({ snapshots: 1, connected: 1, tasks: 2, malformed: 0 })
  })

  it('follows live changes and sends every control', async () => {
    // Updates go out per microtask burst here, so no clock step is needed to see them.
    const { remote, registry, clock, exposure } = await connected({ label: 'my worker' }, 0)
    expect(remote.label).toBe('my worker')
    const remoteState = (name: string) => remote.view(name)?.status.state
    remote.control('sync', 'start')
    await until(() => remoteState('sync') === 'scheduled', clock)
    await clock.advance(250)
    await until(() => remote.view('sync')?.status.totalRuns === 3, clock)
    remote.control('sync', 'pause')
    await until(() => remoteState('sync') === 'paused', clock)
    remote.control('sync', 'resume')
    await until(() => remoteState('sync') === 'scheduled', clock)
    remote.control('sync', 'trigger')
    await until(() => remote.view('sync')?.status.totalRuns === 4, clock)
    remote.control('sync', 'clearHistory')
    await until(() => remote.view('sync')?.history.length === 0, clock)
    remote.control('sync', 'stop')
    await until(() => remoteState('sync') === 'stopped', clock)
    expect(registry.get('sync')!.state).toBe('stopped')
    remote.control('nope', 'start') // unknown here: not even sent
    expect(remote.diagnostics()['controlsSent']).toBe(6)
    expect(exposure.diagnostics()['controls']).toBe(6)
    expect(() => remote.control('sync', 'unregister' as never)).toThrow(InvalidOptionError)
    expect(() => remote.control('sync', 'unregister' as never)).toThrow(/got `"unregister"` \(string\)/)
  })

  it('sees tasks added and removed, in order', async () => {
    const { remote, registry, make, clock, changes } = await connected()
    make({ name: 'cache' })
    registry.unregister('sync')
    await clock.advance(20)
    await until(() => remote.names().join() === 'flush,cache', clock)
    expect(remote.view('sync')).toBeUndefined()
    expect(changes.at(-1)).toMatchObject({ structure: true })
  })

  it('keeps every mirrored history equal to the remote one, across clears, trimming and late joiners', async () => {
    const { registry, clock, make } = setup()
    const small = make({ name: 'small', interval: 10, historySize: 7 })
    const big = make({ name: 'big', interval: 25 })
    closers.push(exposeRegistry(registry, broadcast('tw-history'), { coalesceMs: 30 }))
    const early = connectRegistry(broadcast('tw-history'))
    closers.push(() => early.close())
    await early.ready
    small.start()
    big.start()
    const mirrors = (remote: RemoteRegistrySource) => ['small', 'big'].every((name) => JSON.stringify(remote.view(name)?.history) === JSON.stringify(registry.get(name)!.history))
    let late: RemoteRegistrySource | undefined
    for (let step = 0; step < 12; step++) {
      await clock.advance(35)
      if (step === 4) small.clearHistory()
      if (step === 6) {
        late = connectRegistry(broadcast('tw-history'))
        closers.push(() => late!.close())
        await late.ready
      }
      await settle(clock)
    }
    // Stop the runs, so the last coalescing window carries the last ones.
    await Promise.all([small.stop(), big.stop()])
    await clock.advance(30)
    await until(() => mirrors(early) && mirrors(late!), clock)
    expect(early.view('small')!.history).toHaveLength(7)
    expect(early.view('big')!.history.length).toBeGreaterThan(10)
    expect(early.view('small')!.history.at(-1)!.runIndex).toBe(small.history.at(-1)!.runIndex)
  })

  it('follows the remote clock in now()', async () => {
    const { remote, clock } = await connected()
    expect(remote.now()).toBe(clock.now())
  })

  it('ignores and counts malformed messages, never throwing', async () => {
    const { remote, port1, clock, changes } = await connected()
    const before = remote.diagnostics()
    port1.postMessage('junk')
    port1.postMessage({ protocol: 'tickwork-bridge', version: 1, type: 'update', server: 'x' })
    port1.postMessage(bridgeMessage({ type: 'snapshot', server: 'x', name: 'n', to: 'me', now: 0, views: [{ status: {} }] }))
    port1.postMessage(bridgeMessage({ type: 'hello', client: 'other', to: null }))
    port1.postMessage(bridgeMessage({ type: 'update', server: 'stranger', now: 0, views: [], appended: [], removed: [], order: null }))
    await until(() => remote.diagnostics()['received'] === before['received']! + 5, clock)
    expect(remote.diagnostics()).toMatchObject({ foreign: 1, malformed: 2, ignored: 2, connected: 1, tasks: 2 })
    // Subscribers hear of the counters moving (a panel shows them), with nothing to re-read.
    expect(changes.filter((change) => change.names.length === 0 && !change.structure)).toHaveLength(3)
    expect(remote.names()).toEqual(['sync', 'flush'])
  })

  it('disconnects and removes its listeners when the registry closes', async () => {
    const { remote, exposure, port1, clock, changes } = await connected()
    exposure()
    await until(() => !remote.connected, clock)
    expect(remote.names()).toEqual([])
    expect(changes.at(-1)).toEqual({ names: ['sync', 'flush'], structure: true })
    const received = remote.diagnostics()['received']
    port1.postMessage('after bye')
    await settle(clock)
    expect(remote.diagnostics()).toMatchObject({ received, connected: 0 })
  })

  it('says goodbye on close: the registry drops it and stops sending', async () => {
    const { remote, exposure, clock, registry } = await connected()
    remote.close()
    remote.close()
    await until(() => exposure.diagnostics()['clients'] === 0, clock)
    registry.get('sync')!.start()
    await clock.advance(500)
    expect(exposure.diagnostics()['updates']).toBe(0)
    expect(remote.names()).toEqual([])
    remote.control('sync', 'stop') // closed: ignored
    expect(remote.diagnostics()['controlsSent']).toBe(0)
  })

  it('connects to a registry exposed after it, through its announce', async () => {
    const { registry, make, clock } = setup()
    make({ name: 'late' })
    const { port1, port2 } = channel()
    const remote = connectRegistry(port2)
    closers.push(() => remote.close())
    await settle()
    expect(remote.connected).toBe(false)
    closers.push(exposeRegistry(registry, port1, { name: 'late worker' }))
    await remote.ready
    expect(remote.names()).toEqual(['late'])
    expect(remote.label).toBe('late worker')
    await settle(clock)
  })

  it('picks one of several registries on a BroadcastChannel by name', async () => {
    const a = setup()
    const b = setup()
    a.make({ name: 'in-a' })
    b.make({ name: 'in-b' })
    closers.push(exposeRegistry(a.registry, broadcast('tw-test'), { name: 'tab a' }))
    const exposureB = exposeRegistry(b.registry, broadcast('tw-test'), { name: 'tab b' })
    closers.push(exposureB)
    const toB = connectRegistry(broadcast('tw-test'), { server: 'tab b' })
    const anyTab = connectRegistry(broadcast('tw-test'))
    closers.push(() => toB.close(), () => anyTab.close())
    await Promise.all([toB.ready, anyTab.ready])
    expect(toB.names()).toEqual(['in-b'])
    expect(['tab a', 'tab b']).toContain(anyTab.label)
    toB.control('in-b', 'trigger')
    await until(() => b.registry.get('in-b')!.status().totalRuns === 1, b.clock)
    expect(a.registry.get('in-a')!.status().totalRuns).toBe(0)
    // Every registry that answered but was not picked has been told to stop sending.
    await until(() => exposureB.diagnostics()['clients'] === (anyTab.label === 'tab b' ? 2 : 1))
  })

  it('rejects what is not a port, and bad options', () => {
    expect(() => connectRegistry({} as never)).toThrow(/port must be a MessagePort.*`\{\}` \(object\)/)
    const { port1, port2 } = channel()
    expect(() => connectRegistry(port1, { label: '' })).toThrow(/label must be a non-empty string/)
    expect(() => connectRegistry(port2, 5 as never)).toThrow(InvalidOptionError)
  })

  it('keeps going when a subscriber throws', async () => {
    const warnings: unknown[] = []
    const env = setup()
    env.make({ name: 'a' })
    const { port1, port2 } = channel()
    closers.push(exposeRegistry(env.registry, port1, { coalesceMs: 0 }))
    const remote: RemoteRegistrySource = connectRegistry(port2, { logger: { warn: (...args) => warnings.push(args) } })
    closers.push(() => remote.close())
    const seen: SourceChange[] = []
    remote.subscribe(() => {
      throw new Error('bad subscriber')
    })
    remote.subscribe((change) => seen.push(change))
    await remote.ready
    expect(seen).toHaveLength(1)
    expect(warnings).toHaveLength(1)
  })

  it("carries a single-runner task's role: whether the exposing context runs it", async () => {
    const { registry, clock, make } = setup()
    const locks = new FakeLocks()
    const task = make({ name: 'report', interval: 100, exclusive: 'tabs', locks: locks.tab('A') })
    const { port1, port2 } = channel()
    closers.push(exposeRegistry(registry, port1, { coalesceMs: 0 }))
    const remote = connectRegistry(port2)
    closers.push(() => remote.close())
    await remote.ready
    expect(remote.view('report')?.runner).toBe('other')
    task.start()
    await until(() => remote.view('report')?.runner === 'this', clock)
    await task.stop()
    await until(() => remote.view('report')?.runner === 'other', clock)
  })
})
