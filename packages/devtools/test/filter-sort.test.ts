import { localSource, type TaskView } from '@tickwork/core/bridge'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_QUERY, selectNames, shownState, type ListQuery } from '../src/store/filter-sort.ts'
import { setup } from './helpers.ts'

describe('selectNames()', () => {
  let tasks: Record<string, TaskView>
  let order: string[]
  const query = (change: Partial<ListQuery>): ListQuery => ({ ...DEFAULT_QUERY, ...change })

  beforeEach(async () => {
    const env = setup()
    env.make({ name: 'sync-cart', level: 'critical', interval: 500, run: () => new Promise<void>((resolve) => env.clock.setTimeout(resolve, 30)) })
    env.make({ name: 'poll', level: 'high', interval: 300, run: () => ({ success: false }) })
    env.make({ name: 'flush', level: 'low', interval: 2000 })
    env.make({ name: 'idle', level: 'medium' })
    for (const name of ['sync-cart', 'poll', 'flush']) env.registry.get(name)?.start()
    await env.clock.advance(100)
    const source = localSource(env.registry)
    order = [...source.names()]
    tasks = Object.fromEntries(order.map((name) => [name, source.view(name)!]))
  })

  it('sorts by name by default', () => {
    expect(selectNames(tasks, order, DEFAULT_QUERY)).toEqual(['flush', 'idle', 'poll', 'sync-cart'])
    expect(selectNames(tasks, order, query({ descending: true }))).toEqual(['sync-cart', 'poll', 'idle', 'flush'])
  })

  it('filters by case-insensitive text, level and state', () => {
    expect(selectNames(tasks, order, query({ text: 'CART' }))).toEqual(['sync-cart'])
    expect(selectNames(tasks, order, query({ level: 'high' }))).toEqual(['poll'])
    expect(selectNames(tasks, order, query({ state: 'idle' }))).toEqual(['idle'])
    expect(selectNames(tasks, order, query({ text: 'fl', level: 'low' }))).toEqual(['flush'])
  })

  it('sorts by level, next run, last duration and failure rate, missing values last', () => {
    expect(selectNames(tasks, order, query({ sort: 'level' }))).toEqual(['sync-cart', 'poll', 'idle', 'flush'])
    expect(selectNames(tasks, order, query({ sort: 'level', descending: true }))).toEqual(['flush', 'idle', 'poll', 'sync-cart'])
    const byNext = selectNames(tasks, order, query({ sort: 'nextRun' }))
    expect(byNext.at(-1)).toBe('idle')
    expect(selectNames(tasks, order, query({ sort: 'lastDuration', descending: true }))).toEqual(['sync-cart', 'poll', 'flush', 'idle'])
    expect(selectNames(tasks, order, query({ sort: 'failureRate', descending: true }))[0]).toBe('poll')
    expect(selectNames(tasks, order, query({ sort: 'failureRate' })).at(-1)).toBe('idle')
  })

  it('shows a live task that is not active as stalled', () => {
    const view = tasks['poll']!
    expect(shownState({ ...view, status: { ...view.status, isRunning: true, isActive: false } })).toBe('stalled')
    expect(shownState(view)).toBe(view.status.state)
  })
})
