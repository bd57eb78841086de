import { memo, StrictMode, type ReactNode } from 'react'
import { act, render } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { createTask, type RegistrySummary, type TaskRegistry } from '@tickwork/core'
import { useRegistrySummary, useTask } from '@tickwork/react'
import { setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup()
})

function Summary(props: { registry: TaskRegistry; seen: RegistrySummary[] }): ReactNode {
  const summary = useRegistrySummary(props.registry)
  props.seen.push(summary)
  return (
    <span data-testid="counts">
      {summary.runningCount}/{summary.totalCount} critical:{summary.byLevel.critical.running}
    </span>
  )
}

describe('useRegistrySummary', () => {
  it('counts tasks in total and by level, live', async () => {
    const seen: RegistrySummary[] = []
    const view = render(<Summary registry={env.registry} seen={seen} />)
    expect(view.getByTestId('counts').textContent).toBe('0/0 critical:0')
    await act(async () => {
      createTask({ name: 'a', level: 'critical', interval: 1000, registry: env.registry, run: () => {} }).start()
      createTask({ name: 'b', level: 'low', interval: 1000, registry: env.registry, run: () => {} })
    })
    expect(view.getByTestId('counts').textContent).toBe('1/2 critical:1')
    await act(async () => {
      env.registry.get('b')?.start()
      await env.registry.get('a')?.stop()
    })
    expect(view.getByTestId('counts').textContent).toBe('1/2 critical:0')
  })

  it('coalesces a burst of events into one re-render', async () => {
    const seen: RegistrySummary[] = []
    render(<Summary registry={env.registry} seen={seen} />)
    await act(async () => {
      for (let i = 0; i < 200; i++) createTask({ name: `t${i}`, interval: 1000, registry: env.registry, run: () => {} }).start()
    })
    const before = seen.length
    // 200 runs due at the same moment: 800 events, one render.
    await env.advance(0)
    expect(seen.length - before).toBe(1)
    expect(seen.at(-1)?.tasks.every((t) => t.totalRuns === 1)).toBe(true)
  })

  it('keeps its identity when an event changes nothing it returns', async () => {
    createTask({ name: 'a', interval: 1000, registry: env.registry, run: () => {} })
    const seen: RegistrySummary[] = []
    const renders: number[] = []
    const Child = memo(function Child(props: { summary: RegistrySummary }): ReactNode {
      renders.push(props.summary.totalCount)
      return null
    })
    function Parent(): ReactNode {
      const summary = useRegistrySummary(env.registry)
      seen.push(summary)
      return <Child summary={summary} />
    }
    render(<Parent />)
    await act(async () => {
      env.registry.get('a')?.clearHistory()
    })
    expect(seen.length).toBe(1)
    expect(renders).toEqual([1])
  })

  it('under StrictMode sees one task per useTask', async () => {
    const seen: RegistrySummary[] = []
    function Job(props: { name: string }): ReactNode {
      useTask({ name: props.name, interval: 1000, level: 'high', registry: env.registry, run: () => {} })
      return null
    }
    const view = render(
      <StrictMode>
        <Job name="x" />
        <Job name="y" />
        <Summary registry={env.registry} seen={seen} />
      </StrictMode>,
    )
    await env.advance(1000)
    expect(view.getByTestId('counts').textContent).toBe('2/2 critical:0')
    expect(seen.at(-1)?.byLevel.high).toEqual({ total: 2, running: 2, active: 2 })
    expect(env.pendingWakeUps()).toBe(2)
  })

  it('with throttleMs looks at the registry at most once per period, on the registry clock', async () => {
    const seen: RegistrySummary[] = []
    function Throttled(): ReactNode {
      const summary = useRegistrySummary(env.registry, { throttleMs: 500 })
      seen.push(summary)
      return null
    }
    render(<Throttled />)
    await act(async () => {
      createTask({ name: 'fast', interval: 100, registry: env.registry, run: () => {} }).start()
    })
    expect(seen.length).toBe(1)
    await env.advance(499)
    expect(seen.length).toBe(1)
    await env.advance(1)
    expect(seen.length).toBe(2)
    await env.advance(2000)
    // About one render per 500 ms, not one per run (20 runs).
    expect(seen.length).toBeLessThanOrEqual(7)
    expect(seen.at(-1)?.tasks[0]?.totalRuns).toBeGreaterThan(15)
  })

  it('rejects a bad throttleMs, quoting it', () => {
    function Bad(): ReactNode {
      useRegistrySummary(env.registry, { throttleMs: -1 })
      return null
    }
    const original = console.error
    console.error = () => {}
    try {
      expect(() => render(<Bad />)).toThrow('throttleMs must be a finite number of ms ≥ 0, got `-1` (number)')
    } finally {
      console.error = original
    }
  })
})
