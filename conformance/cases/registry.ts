import { getDefaultRegistry, type RegistryEvent } from '@tickwork/core'
import { assert, equal, test } from '../harness.ts'
import { setup } from './util.ts'

test('registry summary counts tasks in total and by level', async () => {
  const { clock, registry, make } = setup()
  make({ name: 'a', level: 'critical' })
  make({ name: 'b', level: 'low' })
  make({ name: 'c', level: 'low' })
  registry.get('a')?.start()
  registry.get('b')?.start()
  await clock.flush()
  const summary = registry.summary()
  equal(summary.totalCount, 3, 'totalCount')
  equal(summary.runningCount, 2, 'runningCount')
  equal(summary.byLevel.low, { total: 2, running: 1, active: 1 }, 'byLevel.low')
  equal(summary.byLevel.critical.running, 1, 'byLevel.critical.running')
  equal(summary.tasks.map((task) => task.name), ['a', 'b', 'c'], 'task names')
  await registry.stopAll()
})

test('registry events: taskAdded, stateChanged, runStarted, runFinished, taskRemoved', async () => {
  const { clock, registry, make } = setup()
  const events: string[] = []
  const unsubscribe = registry.subscribe((event: RegistryEvent) => void events.push(event.type))
  const task = make({ name: 'e', maxRuns: 1 })
  task.start()
  await clock.advance(0)
  registry.unregister('e')
  unsubscribe()
  make({ name: 'after' })
  for (const type of ['taskAdded', 'stateChanged', 'runStarted', 'runFinished', 'taskRemoved']) {
    assert(events.includes(type), `missing ${type} in ${events.join(', ')}`)
  }
  equal(events.lastIndexOf('taskAdded'), 0, 'no event after unsubscribe')
})

test('stopAll() stops low before critical and leaves no timer armed', async () => {
  const { clock, registry, make } = setup()
  const order: string[] = []
  for (const level of ['critical', 'high', 'medium', 'low'] as const) make({ name: level, level })
  registry.startAll()
  await clock.flush()
  registry.subscribe((event) => {
    if (event.type === 'stateChanged' && event.state === 'stopped') order.push(event.name)
  })
  equal(await registry.stopAll(), true, 'stopAll() result')
  equal(order, ['low', 'medium', 'high', 'critical'], 'stop order')
  equal(clock.armedTimers, 0, 'timers left armed')
})

test('the default registry lives on globalThis under Symbol.for("tickwork.registry")', () => {
  const registry = getDefaultRegistry()
  equal(getDefaultRegistry(), registry, 'same registry twice')
  equal((globalThis as Record<symbol, unknown>)[Symbol.for('tickwork.registry')], registry, 'global slot')
})
