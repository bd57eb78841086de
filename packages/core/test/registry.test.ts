import { beforeEach, describe, expect, it } from 'vitest'
import { DuplicateTaskError, getDefaultRegistry, InvalidOptionError, TaskRegistry, type RegistryEvent } from '../src/index.ts'
import { deferred, setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup()
})

describe('TaskRegistry', () => {
  it('registers, looks up, lists by level and unregisters', () => {
    const a = env.make({ name: 'a', level: 'critical' })
    const b = env.make({ name: 'b', level: 'low' })
    const c = env.make({ name: 'c', level: 'low' })
    expect(env.registry.get('a')).toBe(a)
    expect(env.registry.list()).toEqual([a, b, c])
    expect(env.registry.byLevel('low')).toEqual([b, c])
    expect(env.registry.unregister('b')).toBe(b)
    expect(env.registry.unregister('b')).toBeUndefined()
    expect(env.registry.list()).toEqual([a, c])
  })

  it('throws DuplicateTaskError for a second task with the same name', () => {
    env.make({ name: 'sync' })
    expect(() => env.make({ name: 'sync' })).toThrow(DuplicateTaskError)
    expect(() => env.make({ name: 'sync' })).toThrow(/"sync" is already registered/)
  })

  it('unregister stops the task and leaves no timer', async () => {
    const task = env.make({ name: 'a' })
    task.start()
    env.registry.unregister('a')
    await env.clock.flush()
    expect(task.isRunning).toBe(false)
    expect(env.clock.armedTimers).toBe(0)
  })

  it('summarises counts in total and by level', async () => {
    const gate = deferred()
    env.make({ name: 'c', level: 'critical' }).start()
    env.make({ name: 'h', level: 'high', timeout: 10, run: () => gate.promise }).start()
    env.make({ name: 'm', level: 'medium' })
    await env.clock.advance(50)
    const summary = env.registry.summary()
    expect(summary.totalCount).toBe(3)
    expect(summary.runningCount).toBe(2)
    expect(summary.activeCount).toBe(1)
    expect(summary.byLevel).toEqual({
      critical: { total: 1, running: 1, active: 1 },
      high: { total: 1, running: 1, active: 0 },
      medium: { total: 1, running: 0, active: 0 },
      low: { total: 0, running: 0, active: 0 },
    })
    expect(summary.tasks.map((t) => t.name)).toEqual(['c', 'h', 'm'])
  })

  it('sends typed events for additions, removals, runs and states', async () => {
    const events: string[] = []
    env.registry.subscribe((event: RegistryEvent) => {
      if (event.type === 'taskAdded') events.push(`added:${event.task.name}`)
      else if (event.type === 'taskRemoved') events.push(`removed:${event.name}`)
      else if (event.type === 'runFinished') events.push(`finished:${event.name}:${event.summary.success}`)
      else if (event.type === 'runStarted') events.push(`started:${event.name}:${event.runIndex}`)
      else events.push(`state:${event.name}:${event.state}`)
    })
    const task = env.make({ name: 'x', maxRuns: 1 })
    task.start()
    await env.clock.advance(0)
    env.registry.unregister('x')
    expect(events).toEqual(['added:x', 'state:x:scheduled', 'state:x:running', 'started:x:0', 'finished:x:true', 'state:x:completed', 'removed:x'])
  })

  it('a throwing listener does not stop the others or the loop, and is reported', async () => {
    let calls = 0
    env.registry.subscribe(() => {
      throw new Error('listener bug')
    })
    env.registry.subscribe(() => void calls++)
    const task = env.make({ name: 'x', interval: 10 })
    task.start()
    await env.clock.advance(30)
    expect(task.status().totalRuns).toBe(4)
    expect(calls).toBeGreaterThan(8)
    expect(env.warnings.some((w) => String(w[0]).includes('listener threw'))).toBe(true)
  })

  it('a listener may unsubscribe while being called', () => {
    const calls: string[] = []
    const off = env.registry.subscribe(() => {
      calls.push('first')
      off()
    })
    env.registry.subscribe(() => calls.push('second'))
    env.make({ name: 'a' })
    env.make({ name: 'b' })
    expect(calls).toEqual(['first', 'second', 'second'])
  })

  it('startAll starts critical first; stopAll stops low first and leaves no timer', async () => {
    const order: string[] = []
    for (const [name, level] of [['l', 'low'], ['c', 'critical'], ['m', 'medium'], ['h', 'high']] as const) {
      const task = env.make({ name, level, run: () => void order.push(name) })
      task.subscribe((event) => {
        if (event.type === 'stateChanged' && event.state === 'stopped') order.push(`stop:${name}`)
      })
    }
    env.registry.startAll()
    await env.clock.advance(0)
    expect(order).toEqual(['c', 'h', 'm', 'l'])
    order.length = 0
    await expect(env.registry.stopAll()).resolves.toBe(true)
    expect(order).toEqual(['stop:l', 'stop:m', 'stop:h', 'stop:c'])
    expect(env.clock.armedTimers).toBe(0)
  })

  it('stopAll resolves false when a run hangs past the timeout', async () => {
    env.make({ name: 'hang', run: () => new Promise(() => {}) }).start()
    await env.clock.advance(0)
    let result: boolean | undefined
    void env.registry.stopAll({ timeout: 100 }).then((value) => (result = value))
    await env.clock.advance(100)
    expect(result).toBe(false)
  })

  it('runs tasks due at the same moment in level order', async () => {
    const order: string[] = []
    for (const [name, level] of [['low', 'low'], ['medium', 'medium'], ['critical', 'critical'], ['high', 'high']] as const) {
      env.make({ name, level, interval: 100, initialDelay: 100, run: () => void order.push(name) }).start()
    }
    await env.clock.advance(100)
    expect(order).toEqual(['critical', 'high', 'medium', 'low'])
  })

  it('rejects bad arguments with named errors', () => {
    expect(() => env.registry.register({} as never)).toThrow(InvalidOptionError)
    expect(() => env.registry.byLevel('urgent' as never)).toThrow(/got `"urgent"` \(string\)/)
    expect(() => env.registry.subscribe(42 as never)).toThrow(/got `42` \(number\)/)
  })
})

describe('getDefaultRegistry()', () => {
  it('is one per realm, kept under Symbol.for("tickwork.registry")', () => {
    const registry = getDefaultRegistry()
    expect(getDefaultRegistry()).toBe(registry)
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('tickwork.registry')]).toBe(registry)
    expect(registry).toBeInstanceOf(TaskRegistry)
  })
})
