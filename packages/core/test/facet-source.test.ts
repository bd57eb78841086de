// Queue and cache facets through the registry source and over the bridge:
// their status in the task view, their actions through control().
import { afterEach, describe, expect, it } from 'vitest'
import { connectRegistry } from '../../devtools/src/remote/index.ts'
import { applyTaskAction, exposeRegistry, localSource, parseClientMessage, bridgeMessage, taskView, type SourceChange } from '../src/bridge/index.ts'
import { FACET_ACTIONS, facetOf } from '../src/registry-source.ts'
import { subscribeWithFacets, type WatchedEvent } from '../src/facet-watch.ts'
import { until } from './bridge-helpers.ts'
import { attachFacet, fakeCacheFacet, fakeQueueFacet } from './fake-facets.ts'
import { setup } from './helpers.ts'

const closers: (() => void)[] = []
afterEach(() => {
  for (const close of closers.splice(0).reverse()) close()
})

function withFacets() {
  const env = setup(50_000)
  const now = () => env.clock.now()
  const queue = fakeQueueFacet(now, { pending: [{ key: 'a', count: 2, since: 49_000 }], droppedCount: 3, dropped: [{ key: 'z', at: 49_500 }] })
  const cache = fakeCacheFacet(now, 10_000)
  attachFacet(env.make({ name: 'indexer' }), queue)
  attachFacet(env.make({ name: 'prices' }), cache)
  env.make({ name: 'plain' })
  return { ...env, queue, cache }
}

describe('taskView() and facets', () => {
  it('carries the facet status of tasks that have one, and nothing for the others', () => {
    const { registry, queue } = withFacets()
    expect(taskView(registry, 'indexer')!.facet).toEqual(queue.status())
    expect(taskView(registry, 'prices')!.facet).toMatchObject({ kind: 'cache', hasValue: false })
    expect(taskView(registry, 'plain')).not.toHaveProperty('facet')
  })

  it('reads a facet only when it has status() and act()', () => {
    expect(facetOf({ facet: { status: () => ({}), act: async () => {} } })).toBeDefined()
    expect(facetOf({ facet: { status: () => ({}) } })).toBeUndefined()
    expect(facetOf({ facet: null })).toBeUndefined()
    expect(facetOf(undefined)).toBeUndefined()
  })
})

describe('applyTaskAction() with a facet command', () => {
  it('calls task.facet.act(action, arg) and returns its promise', async () => {
    const { registry, queue } = withFacets()
    await applyTaskAction(registry, 'indexer', { type: 'facet', action: 'notify', arg: 'b' })
    await applyTaskAction(registry, 'indexer', { type: 'facet', action: 'drain' })
    expect(queue.calls).toEqual([
      { action: 'notify', arg: 'b' },
      { action: 'drain', arg: undefined },
    ])
    expect(queue.status().pending).toEqual([])
    expect(queue.status().results.map((result) => result.key)).toEqual(['a', 'b'])
  })

  it('ignores facet commands for tasks without a facet and for unknown tasks', () => {
    const { registry } = withFacets()
    expect(applyTaskAction(registry, 'plain', { type: 'facet', action: 'drain' })).toBeUndefined()
    expect(applyTaskAction(registry, 'nope', { type: 'facet', action: 'drain' })).toBeUndefined()
  })

  it('passes on a rejection, and a facet that throws synchronously becomes a rejection', async () => {
    const { registry, make } = withFacets()
    await expect(applyTaskAction(registry, 'prices', { type: 'facet', action: 'drain' })).rejects.toThrow(/unknown facet action drain/)
    attachFacet(make({ name: 'broken' }), { actions: ['refresh'], status: () => ({ kind: 'cache', hasValue: false, updatedAt: null, expiresAt: null, refreshing: false, errorCount: 0, lastError: null }), act: () => { throw new Error('boom') } })
    await expect(applyTaskAction(registry, 'broken', { type: 'facet', action: 'refresh' })).rejects.toThrow('boom')
  })

  it('lists every facet action', () => {
    expect(FACET_ACTIONS).toEqual(['drain', 'stop', 'notify', 'clearDropped', 'refresh', 'invalidate'])
  })
})

describe('localSource() with facets', () => {
  it("reports a facet's own changes and the settling of a facet action", async () => {
    const { registry, queue, cache } = withFacets()
    const source = localSource(registry)
    const changes: SourceChange[] = []
    const off = source.subscribe((change) => changes.push(change))
    queue.set({ state: 'working' })
    expect(changes).toEqual([{ names: ['indexer'], structure: false }])
    source.control('prices', { type: 'facet', action: 'refresh' })
    await Promise.resolve()
    await Promise.resolve()
    expect(source.view('prices')!.facet).toMatchObject({ hasValue: true, expiresAt: 60_000 })
    expect(changes.filter((change) => change.names[0] === 'prices').length).toBeGreaterThanOrEqual(2)
    off()
    expect(queue.listeners).toBe(0)
    expect(cache.listeners).toBe(0)
  })
})

describe('subscribeWithFacets()', () => {
  it('follows facets of tasks added and removed later, and lets go of all of them', () => {
    const { registry, make, clock } = setup()
    const events: WatchedEvent[] = []
    const off = subscribeWithFacets(registry, (event) => events.push(event))
    const facet = fakeCacheFacet(() => clock.now(), 1000)
    const task = make({ name: 'late', autoRegister: false })
    attachFacet(task, facet)
    registry.register(task)
    facet.set({ refreshing: true })
    expect(events.map((event) => event.type)).toEqual(['taskAdded', 'facetChanged'])
    registry.unregister('late')
    expect(facet.listeners).toBe(0)
    registry.register(task)
    off()
    expect(facet.listeners).toBe(0)
  })
})

describe('facets over the bridge', () => {
  async function bridged() {
    const env = withFacets()
    const { port1, port2 } = new MessageChannel()
    closers.push(() => {
      port1.close()
      port2.close()
    })
    const exposure = exposeRegistry(env.registry, port1, { coalesceMs: 0 })
    closers.push(exposure)
    const remote = connectRegistry(port2, { clock: env.clock })
    closers.push(() => remote.close())
    await remote.ready
    return { ...env, exposure, remote }
  }

  it('mirrors queue and cache statuses, and their changes between runs', async () => {
    const { remote, queue, clock } = await bridged()
    expect(remote.view('indexer')!.facet).toEqual(queue.status())
    expect(remote.view('plain')).not.toHaveProperty('facet')
    queue.set({ running: [{ key: 'a', startedAt: 50_100 }] })
    await until(() => remote.view('indexer')!.facet?.kind === 'queue' && (remote.view('indexer')!.facet as { running: unknown[] }).running.length === 1, clock)
  })

  it('sends facet commands, with their argument, to task.facet.act', async () => {
    const { remote, queue, cache, exposure, clock } = await bridged()
    remote.control('indexer', { type: 'facet', action: 'notify', arg: 'k-1' })
    remote.control('indexer', { type: 'facet', action: 'clearDropped' })
    remote.control('prices', { type: 'facet', action: 'refresh' })
    await until(() => cache.calls.length === 1 && queue.calls.length === 2, clock)
    expect(queue.calls).toEqual([
      { action: 'notify', arg: 'k-1' },
      { action: 'clearDropped', arg: undefined },
    ])
    await until(() => remote.view('prices')!.facet?.kind === 'cache' && (remote.view('prices')!.facet as { hasValue: boolean }).hasValue, clock)
    const q = remote.view('indexer')!.facet
    expect(q).toMatchObject({ droppedCount: 0, pending: [{ key: 'a' }, { key: 'k-1', count: 1 }] })
    remote.control('prices', { type: 'facet', action: 'drain' }) // the cache rejects it
    await until(() => exposure.diagnostics()['controlErrors'] === 1, clock)
    expect(exposure.diagnostics()['controls']).toBe(4)
  })

  it('refuses facet commands that are not well formed', () => {
    const read = (body: object) => parseClientMessage(bridgeMessage({ type: 'facet', client: 'c', to: 's', name: 'indexer', ...body }))
    expect(read({ action: 'drain' })).toMatchObject({ kind: 'ok', message: { action: 'drain' } })
    expect(read({ action: 'drain' })).not.toHaveProperty('message.arg')
    expect(read({ action: 'notify', arg: 'k' })).toMatchObject({ kind: 'ok', message: { arg: 'k' } })
    expect(read({ action: 'explode' })).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/^action must be one of drain/) })
    expect(read({ action: 'notify', arg: 7 })).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/^arg must be a string/) })
    expect(read({ action: 'notify', arg: 'x'.repeat(1001) })).toMatchObject({ kind: 'malformed' })
  })

  it('drops a view whose facet breaks the protocol, naming the field', async () => {
    const { parseServerMessage } = await import('../src/bridge/index.ts')
    const { registry } = withFacets()
    const view = { ...taskView(registry, 'indexer')!, facet: { kind: 'queue', state: 'idle', pending: [{ key: 'a', count: -1, since: 0 }] } }
    const parsed = parseServerMessage(bridgeMessage({ type: 'snapshot', server: 's', name: 'n', to: 'c', now: 0, views: [view] }))
    expect(parsed).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/^views\[0\]\.facet\.pending\[0\]\.count must be a finite integer ≥ 0/) })
    const cache = { ...taskView(registry, 'prices')!, facet: { kind: 'cache', hasValue: 'yes' } }
    expect(parseServerMessage(bridgeMessage({ type: 'snapshot', server: 's', name: 'n', to: 'c', now: 0, views: [cache] }))).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/facet\.hasValue must be a boolean/) })
  })
})

describe('connectRegistry().control()', () => {
  it('throws on a command that is neither a task action nor a facet command', () => {
    const { port2 } = new MessageChannel()
    const remote = connectRegistry(port2)
    closers.push(() => {
      remote.close()
      port2.close()
    })
    expect(() => remote.control('x', { type: 'facet', action: 'explode' } as never)).toThrow(/or a facet command, got/)
  })
})
