import { localSource } from '@tickwork/core/bridge'
import { act, cleanup, render } from '@testing-library/react'
import { Profiler } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { createSourceStore } from '../src/store/source-store.ts'
import { EnvironmentProvider, resolveEnvironment } from '../src/ui/environment.tsx'
import { SourceProvider } from '../src/ui/source-context.tsx'
import { TaskRow } from '../src/ui/task-row.tsx'
import { setup } from './helpers.ts'

describe('<TaskRow>', () => {
  afterEach(cleanup)

  it('re-renders for its own task and for no other', async () => {
    const env = setup()
    const a = env.make({ name: 'a', interval: 100 })
    env.make({ name: 'b', interval: 100 })
    const sourceStore = createSourceStore(localSource(env.registry), { scheduleFrame: env.frames.schedule })
    const renders: Record<string, number> = { a: 0, b: 0 }
    const onRender = (id: string): void => {
      renders[id] = (renders[id] ?? 0) + 1
    }
    const noop = (): void => {}
    const { container } = render(
      <EnvironmentProvider value={resolveEnvironment({ clock: env.clock, scheduleFrame: env.frames.schedule, storage: null })}>
        <SourceProvider value={sourceStore}>
          <Profiler id="a" onRender={onRender}>
            <TaskRow name="a" selected={false} onSelect={noop} top={0} />
          </Profiler>
          <Profiler id="b" onRender={onRender}>
            <TaskRow name="b" selected={false} onSelect={noop} top={34} />
          </Profiler>
        </SourceProvider>
      </EnvironmentProvider>,
    )
    sourceStore.connect()
    act(() => {
      env.frames.flushFrame()
    })
    const before = { ...renders }
    a.start()
    await act(async () => {
      await env.clock.advance(250)
    })
    act(() => {
      env.frames.flushFrame()
    })
    expect(renders.a).toBeGreaterThan(before.a!)
    expect(renders.b).toBe(before.b)
    expect(container.querySelector('[data-task="a"] .runs')?.textContent).toBe(String(a.status().totalRuns))
  })

  it('marks failed runs in its sparkline', async () => {
    const env = setup()
    let n = 0
    const task = env.make({
      name: 'flaky',
      interval: 10,
      run: () => {
        if (++n % 2 === 0) throw new Error('boom')
      },
    })
    const sourceStore = createSourceStore(localSource(env.registry), { scheduleFrame: env.frames.schedule })
    const { container } = render(
      <EnvironmentProvider value={resolveEnvironment({ clock: env.clock, scheduleFrame: env.frames.schedule, storage: null })}>
        <SourceProvider value={sourceStore}>
          <TaskRow name="flaky" selected onSelect={() => {}} />
        </SourceProvider>
      </EnvironmentProvider>,
    )
    sourceStore.connect()
    task.start()
    await act(async () => {
      await env.clock.advance(55)
    })
    act(() => {
      env.frames.flushFrame()
    })
    const failedDots = container.querySelectorAll('.spark [data-failed]')
    expect(failedDots.length).toBe(task.status().failedRuns)
    expect(failedDots.length).toBeGreaterThan(1)
    expect(container.querySelector('[data-task="flaky"]')?.getAttribute('aria-selected')).toBe('true')
    expect(container.querySelector('.spark')?.getAttribute('aria-label')).toMatch(/failed/)
  })
})
