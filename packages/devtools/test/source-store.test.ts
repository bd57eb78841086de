import { localSource, type RegistrySource } from '@tickwork/core/bridge'
import { beforeEach, describe, expect, it } from 'vitest'
import { createSourceStore } from '../src/store/source-store.ts'
import { countingSource, setup } from './helpers.ts'

describe('createSourceStore()', () => {
  let env: ReturnType<typeof setup>
  beforeEach(() => {
    env = setup()
  })

  it('reads every task on the first frame after connect()', () => {
    env.make({ name: 'a', level: 'high' })
    env.make({ name: 'b' })
    const { store, connect } = createSourceStore(localSource(env.registry), { scheduleFrame: env.frames.schedule })
    connect()
    expect(store.getState().order).toEqual([])
    expect(env.frames.flushFrame()).toBe(1)
    expect(store.getState().order).toEqual(['a', 'b'])
    expect(store.getState().tasks.a?.status.level).toBe('high')
  })

  it('coalesces any number of events into one write per frame', async () => {
    const task = env.make({ name: 'a', interval: 10 })
    const { store, connect } = createSourceStore(localSource(env.registry), { scheduleFrame: env.frames.schedule })
    connect()
    env.frames.flushFrame()
    const writes: number[] = []
    store.subscribe((state) => writes.push(state.flushes))
    task.start()
    await env.clock.advance(100)
    expect(env.frames.pending).toBe(1)
    const before = store.getState().flushes
    env.frames.flushFrame()
    expect(store.getState().flushes).toBe(before + 1)
    expect(store.getState().tasks.a?.status.totalRuns).toBe(task.status().totalRuns)
    expect(store.getState().tasks.a?.status.totalRuns).toBeGreaterThanOrEqual(10)
    expect(env.frames.pending).toBe(0)
  })

  it('gives new view objects only to the tasks that changed', async () => {
    const a = env.make({ name: 'a' })
    env.make({ name: 'b' })
    const { store, connect } = createSourceStore(localSource(env.registry), { scheduleFrame: env.frames.schedule })
    connect()
    env.frames.flushFrame()
    const before = { ...store.getState().tasks }
    a.trigger()
    await env.clock.flush()
    env.frames.flushFrame()
    const after = store.getState().tasks
    expect(after.a).not.toBe(before.a)
    expect(after.b).toBe(before.b)
  })

  it('updates the tasks record in place, reading only the tasks that changed (no copy per frame)', async () => {
    const tasks = Array.from({ length: 50 }, (_, i) => env.make({ name: `t${i}` }))
    const inner = localSource(env.registry)
    const reads: string[] = []
    const counted: RegistrySource = { ...inner, view: (name) => (reads.push(name), inner.view(name)) }
    const { store, connect } = createSourceStore(counted, { scheduleFrame: env.frames.schedule })
    connect()
    env.frames.flushFrame()
    const record = store.getState().tasks
    const flushes = store.getState().flushes
    reads.length = 0
    tasks[7]?.trigger()
    tasks[9]?.trigger()
    await env.clock.flush()
    env.frames.flushFrame()
    expect(reads.sort()).toEqual(['t7', 't9'])
    expect(store.getState().tasks).toBe(record)
    expect(store.getState().flushes).toBe(flushes + 1)
    expect(store.getState().changed).toEqual(expect.arrayContaining(['t7', 't9']))
    expect(store.getState().tasks.t7?.status.totalRuns).toBe(1)
  })

  it('follows tasks being registered and unregistered', () => {
    env.make({ name: 'a' })
    const { store, connect } = createSourceStore(localSource(env.registry), { scheduleFrame: env.frames.schedule })
    connect()
    env.frames.flushFrame()
    env.make({ name: 'late' })
    env.registry.unregister('a')
    env.frames.flushFrame()
    expect(store.getState().order).toEqual(['late'])
    expect(Object.keys(store.getState().tasks)).toEqual(['late'])
  })

  it('keeps at most historyLimit runs per task, newest last', async () => {
    const task = env.make({ name: 'a', interval: 1, historySize: 40 })
    const { store, connect } = createSourceStore(localSource(env.registry), { scheduleFrame: env.frames.schedule, historyLimit: 5 })
    connect()
    task.start()
    await env.clock.advance(60)
    env.frames.flushFrame()
    const history = store.getState().tasks.a?.history ?? []
    expect(history).toHaveLength(5)
    expect(history.at(-1)?.runIndex).toBe(task.history.at(-1)?.runIndex)
  })

  it('collects changes while paused and shows them on resume', async () => {
    const task = env.make({ name: 'a' })
    const source = createSourceStore(localSource(env.registry), { scheduleFrame: env.frames.schedule })
    source.connect()
    env.frames.flushFrame()
    source.setPaused(true)
    task.trigger()
    await env.clock.flush()
    env.frames.flushFrame()
    expect(source.store.getState().tasks.a?.status.totalRuns).toBe(0)
    expect(source.store.getState().pendingChanges).toBe(1)
    source.setPaused(false)
    env.frames.flushFrame()
    expect(source.store.getState().tasks.a?.status.totalRuns).toBe(1)
    expect(source.store.getState().pendingChanges).toBe(0)
  })

  it('stops listening and cancels the pending frame on disconnect', async () => {
    const task = env.make({ name: 'a' })
    const { source: counted, listeners } = countingSource(env.registry)
    const { connect } = createSourceStore(counted, { scheduleFrame: env.frames.schedule })
    const disconnect = connect()
    expect(listeners()).toBe(1)
    disconnect()
    disconnect()
    expect(listeners()).toBe(0)
    expect(env.frames.pending).toBe(0)
    task.trigger()
    await env.clock.flush()
    expect(env.frames.pending).toBe(0)
  })

  it('sends controls to the task and refreshes it', async () => {
    const task = env.make({ name: 'a' })
    const source = createSourceStore(localSource(env.registry), { scheduleFrame: env.frames.schedule })
    source.connect()
    source.control('a', 'start')
    expect(task.state).not.toBe('idle')
    source.control('a', 'pause')
    env.frames.flushFrame()
    expect(source.store.getState().tasks.a?.status.state).toBe('paused')
    source.control('a', 'stop')
    await env.clock.flush()
    env.frames.flushFrame()
    expect(source.store.getState().tasks.a?.status.state).toBe('stopped')
  })

  it('ignores controls on a read-only source and shows its diagnostics', () => {
    const task = env.make({ name: 'a' })
    const readOnly: RegistrySource = { ...localSource(env.registry), controllable: false, diagnostics: () => ({ malformedMessages: 12 }) }
    const source = createSourceStore(readOnly, { scheduleFrame: env.frames.schedule })
    source.connect()
    source.control('a', 'start')
    expect(task.state).toBe('idle')
    env.frames.flushFrame()
    expect(source.store.getState().diagnostics).toEqual({ malformedMessages: 12 })
    // Unchanged counters keep their object, so subscribers are not woken for nothing.
    const first = source.store.getState().diagnostics
    task.trigger()
    env.frames.flushFrame()
    expect(source.store.getState().diagnostics).toBe(first)
  })
})
