import { describe, expect, it } from 'vitest'
import { localSource, type SourceChange } from '../src/bridge/index.ts'
import { setup } from './helpers.ts'

describe('localSource()', () => {
  it('lists tasks, views them, reports changes and applies controls', async () => {
    const { clock, registry, make } = setup()
    const source = localSource(registry)
    const changes: SourceChange[] = []
    source.subscribe((change) => changes.push(change))
    make({ name: 'a', interval: 100, level: 'high' })
    expect(source.names()).toEqual(['a'])
    expect(changes[0]).toEqual({ names: ['a'], structure: true })
    source.control('a', 'start')
    await clock.advance(0)
    const view = source.view('a')!
    expect(view.status).toMatchObject({ name: 'a', level: 'high', totalRuns: 1, state: 'scheduled' })
    expect(view.history).toHaveLength(1)
    expect(view.config).toMatchObject({ interval: 100, schedule: 'every 100 ms (fixed delay)', timeout: null, historySize: 50 })
    source.control('a', 'trigger')
    await clock.flush()
    expect(source.view('a')!.status.totalRuns).toBe(2)
    source.control('a', 'pause')
    expect(source.view('a')!.status.state).toBe('paused')
    source.control('a', 'resume')
    source.control('a', 'clearHistory')
    expect(source.view('a')!.history).toEqual([])
    source.control('a', 'stop')
    await clock.flush()
    expect(source.view('a')!.status.state).toBe('stopped')
    source.control('missing', 'start')
    expect(source.view('missing')).toBeUndefined()
    expect(changes.some((c) => !c.structure && c.names[0] === 'a')).toBe(true)
  })
})
