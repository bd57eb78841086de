import { localSource } from '@tickwork/core/bridge'
import { beforeEach, describe, expect, it } from 'vitest'
import { countTasks, createCountsSelector } from '../src/store/counts.ts'
import { DEFAULT_QUERY, selectNames, SORT_KEYS, type ListQuery } from '../src/store/filter-sort.ts'
import { createNamesSelector } from '../src/store/names-selector.ts'
import { createSourceStore, type SourceState } from '../src/store/source-store.ts'
import { setup } from './helpers.ts'

// The memoised selectors must give exactly what the plain functions give, while
// keeping the previous object whenever nothing shown moved (that is what spares
// the list and the header a re-render per frame).
describe('createNamesSelector() and createCountsSelector()', () => {
  let env: ReturnType<typeof setup>
  let state: () => SourceState
  const query = (change: Partial<ListQuery>): ListQuery => ({ ...DEFAULT_QUERY, ...change })

  beforeEach(() => {
    env = setup()
    const store = createSourceStore(localSource(env.registry), { scheduleFrame: env.frames.schedule })
    store.connect()
    state = () => store.store.getState()
  })

  const frame = async (ms: number): Promise<void> => {
    await env.clock.advance(ms)
    env.frames.flushFrame()
  }

  it('keeps the same names array while runs change nothing the list sorts or filters by', async () => {
    for (let i = 0; i < 20; i++) env.make({ name: `t${String(i).padStart(2, '0')}`, interval: 100 + i * 10, level: i % 2 === 0 ? 'high' : 'low' }).start()
    env.frames.flushFrame()
    const select = createNamesSelector()
    const first = select(state(), DEFAULT_QUERY)
    expect(first).toEqual(selectNames(state().tasks, state().order, DEFAULT_QUERY))
    const flushesBefore = state().flushes
    await frame(500)
    expect(state().flushes).toBe(flushesBefore + 1)
    // Runs moved counts and next-run times, but neither the name order nor the filters.
    expect(select(state(), DEFAULT_QUERY)).toBe(first)
    expect(select(state(), { ...DEFAULT_QUERY })).toBe(first)
  })

  it('re-sorts when a change moves a row and re-filters when one leaves the filter', async () => {
    const slow = env.make({ name: 'slow', interval: 1000 })
    const fast = env.make({ name: 'fast', interval: 300 })
    const failing = env.make({ name: 'failing', interval: 200, run: () => ({ success: false }) })
    for (const task of [slow, fast, failing]) task.start()
    env.frames.flushFrame()
    const byNext = createNamesSelector()
    const running = createNamesSelector()
    const q = query({ sort: 'nextRun' })
    const scheduled = query({ state: 'scheduled' })
    expect(byNext(state(), q)).toEqual(selectNames(state().tasks, state().order, q))
    expect(running(state(), scheduled)).toEqual(['failing', 'fast', 'slow'])
    for (let step = 0; step < 30; step++) {
      await frame(37)
      expect(byNext(state(), q)).toEqual(selectNames(state().tasks, state().order, q))
    }
    slow.pause()
    env.frames.flushFrame()
    expect(running(state(), scheduled)).toEqual(['failing', 'fast'])
  })

  it('gives what selectNames gives for every sort key, direction and filter as tasks come, run and go', async () => {
    const queries: ListQuery[] = SORT_KEYS.flatMap((sort) => [query({ sort }), query({ sort, descending: true }), query({ sort, text: '1', level: 'high' })])
    const selectors = queries.map(() => createNamesSelector())
    // These see one frame in three: they must notice that flushes went by unseen and look at every task.
    const sometimes = queries.map(() => createNamesSelector())
    let checks = 0
    const check = (): void => {
      checks++
      queries.forEach((q, index) => {
        const expected = selectNames(state().tasks, state().order, q)
        expect(selectors[index]!(state(), q), `${JSON.stringify(q)}`).toEqual(expected)
        if (checks % 3 === 0) expect(sometimes[index]!(state(), q), `${JSON.stringify(q)}, one frame in three`).toEqual(expected)
      })
    }
    for (let i = 0; i < 12; i++) {
      const levels = ['critical', 'high', 'medium', 'low'] as const
      env.make({ name: `job-${i}`, interval: 50 + 17 * i, level: levels[i % 4]!, run: () => ({ success: i % 3 !== 0 }) })
    }
    env.frames.flushFrame()
    check()
    env.registry.startAll()
    for (let step = 0; step < 40; step++) {
      await frame(23)
      if (step === 10) env.registry.unregister('job-4')
      if (step === 20) env.make({ name: 'job-late', interval: 40, level: 'high' }).start()
      check()
    }
  })

  it('moves only the rows that changed and still matches a full sort, at 200 tasks sorted by next run', async () => {
    for (let i = 0; i < 200; i++) env.make({ name: `n${String(i).padStart(3, '0')}`, interval: 40 + (i % 7) * 13, initialDelay: i % 50 }).start()
    env.frames.flushFrame()
    const queries = [query({ sort: 'nextRun' }), query({ sort: 'nextRun', descending: true }), query({ sort: 'lastDuration', state: 'scheduled' })]
    const selectors = queries.map(() => createNamesSelector())
    for (let step = 0; step < 60; step++) {
      // Small steps: a few tasks run per frame, as in a live page.
      await frame(1)
      queries.forEach((q, index) => expect(selectors[index]!(state(), q)).toEqual(selectNames(state().tasks, state().order, q)))
    }
  })

  it('counts like countTasks and keeps the same object while no number moved', async () => {
    const select = createCountsSelector()
    const tasks = [env.make({ name: 'a', interval: 100, level: 'critical' }), env.make({ name: 'b', interval: 250 }), env.make({ name: 'c', level: 'low' })]
    env.frames.flushFrame()
    const first = select(state())
    expect(first).toEqual(countTasks(state().tasks))
    tasks[0]!.start()
    tasks[1]!.start()
    env.frames.flushFrame()
    const started = select(state())
    expect(started).not.toBe(first)
    expect(started).toEqual(countTasks(state().tasks))
    expect(started.running).toBe(2)
    await frame(1000)
    // Ten runs later the same tasks are scheduled: same numbers, same object.
    expect(select(state())).toBe(started)
    tasks[1]!.pause()
    env.frames.flushFrame()
    expect(state().changed).toEqual(['b'])
    expect(select(state())).toEqual(countTasks(state().tasks))
    expect(select(state()).byState.paused).toBe(1)
    env.registry.unregister('c')
    env.frames.flushFrame()
    expect(state().changed).toBeNull()
    expect(select(state())).toEqual(countTasks(state().tasks))
    expect(select(state()).total).toBe(2)
  })

  it('counts the tasks whose last run failed, following each run', async () => {
    const select = createCountsSelector()
    let fail = true
    const flaky = env.make({ name: 'flaky', interval: 100, run: () => ({ success: !fail }) })
    env.make({ name: 'fine', interval: 100 }).start()
    flaky.start()
    await frame(100)
    expect(select(state()).failing).toBe(1)
    fail = false
    await frame(100)
    expect(select(state()).failing).toBe(0)
    expect(select(state())).toEqual(countTasks(state().tasks))
  })
})
