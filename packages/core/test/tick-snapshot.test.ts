import { tick } from '../src/tick/index.ts'
import { beforeEach, describe, expect, it } from 'vitest'
import { InvalidOptionError, IrrecoverableError } from '../src/index.ts'
import { memoryTickStore, snapshotSource, type MemoryTickStore } from '../src/tick/index.ts'
import type { SourceChange } from '../src/bridge/index.ts'
import { setup } from './helpers.ts'

const MINUTE = 60_000
const T0 = Date.UTC(2026, 0, 1, 12, 0)

let env: ReturnType<typeof setup>
let store: MemoryTickStore
beforeEach(() => {
  env = setup(T0)
  store = memoryTickStore()
})

describe('snapshotSource()', () => {
  it('shows what the store holds after ticks, read-only', async () => {
    env.make({ name: 'sync', interval: MINUTE, level: 'high', run: () => ({ message: 'synced', extra: { items: 3 } }) })
    env.make({ name: 'report', interval: 5 * MINUTE, run: () => ({ success: false, message: 'upstream 503' }) })
    await tick(env.registry, { now: T0, store })
    await tick(env.registry, { now: T0 + MINUTE, store })

    // No registry: all from the store, as a devtools panel in another process would see it.
    const source = await snapshotSource(store)
    expect(source.controllable).toBe(false)
    expect(source.label).toBe('tick store')
    expect(source.names()).toEqual(['sync', 'report'])
    expect(source.now?.()).toBe(T0 + MINUTE)
    expect(source.lastTick()).toEqual({ now: T0 + MINUTE, ran: ['sync'], shed: [], nextDueAt: T0 + 2 * MINUTE })
    const sync = source.view('sync')
    expect(sync?.status).toMatchObject({
      name: 'sync',
      level: 'high',
      interval: MINUTE,
      state: 'scheduled',
      totalRuns: 2,
      failedRuns: 0,
      successRate: 1,
      nextRunAt: T0 + 2 * MINUTE,
    })
    expect(sync?.history.map((run) => [run.message, run.extra])).toEqual([
      ['synced', { items: '3' }],
      ['synced', { items: '3' }],
    ])
    expect(sync?.config.schedule).toBe('every 60000 ms (fixed delay)')
    expect(source.view('report')?.status).toMatchObject({ totalRuns: 1, failedRuns: 1, successRate: 0, nextRunAt: T0 + 5 * MINUTE })
    expect(source.view('nope')).toBeUndefined()

    source.control('sync', 'trigger')
    await env.clock.flush()
    expect(source.view('sync')?.status.totalRuns).toBe(2)
  })

  it('notifies subscribers on refresh() only when something changed', async () => {
    env.make({ name: 'a', interval: MINUTE })
    await tick(env.registry, { now: T0, store })
    const source = await snapshotSource(store, env.registry, { label: 'cron worker' })
    const changes: SourceChange[] = []
    const unsubscribe = source.subscribe((change) => changes.push(change))
    await source.refresh()
    expect(changes).toEqual([])
    env.make({ name: 'b', interval: MINUTE })
    await tick(env.registry, { now: T0 + MINUTE, store })
    await source.refresh()
    expect(changes).toEqual([{ names: ['a', 'b'], structure: true }])
    unsubscribe()
    await tick(env.registry, { now: T0 + 2 * MINUTE, store })
    await source.refresh()
    expect(changes).toHaveLength(1)
    expect(source.label).toBe('cron worker')
    expect(source.view('a')?.status.totalRuns).toBe(3)
  })

  it('shows a task that ended as failed with its reason', async () => {
    env.make({
      name: 'doomed',
      interval: MINUTE,
      run: () => {
        throw new IrrecoverableError('gone')
      },
    })
    await tick(env.registry, { now: T0, store })
    const source = await snapshotSource(store)
    expect(source.view('doomed')?.status).toMatchObject({ state: 'failed', isRunning: false, stopReason: 'IrrecoverableError: gone', nextRunAt: null })
  })

  it('is empty before the first tick and rejects a bad store', async () => {
    const source = await snapshotSource(store)
    expect(source.names()).toEqual([])
    expect(source.lastTick()).toBeNull()
    await expect(snapshotSource({ get: 'x' } as never)).rejects.toThrow(InvalidOptionError)
    await expect(snapshotSource(null as never)).rejects.toThrow(/got `null` \(null\)/)
  })
})
