import { StrictMode, type ReactNode } from 'react'
import { act, render } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { createTask, InvalidOptionError, type Task, type TaskStatus } from '@tickwork/core'
import { useTask, useTaskStatus } from '@tickwork/react'
import { setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup()
})

/** Renders a status and records every render's snapshot. */
function Probe(props: { of: Task | string | undefined; seen: (TaskStatus | null)[]; registry?: boolean }): ReactNode {
  const status = useTaskStatus(props.of, props.registry === false ? undefined : env.registry)
  props.seen.push(status)
  return <span data-testid="state">{status === null ? 'none' : `${status.state}:${status.totalRuns}`}</span>
}

describe('useTaskStatus(task)', () => {
  it('follows runs and re-renders once per run, not once per event', async () => {
    const task = createTask({ name: 'beat', interval: 1000, registry: env.registry, run: () => 'ok' })
    const seen: (TaskStatus | null)[] = []
    const view = render(<Probe of={task} seen={seen} />)
    expect(view.getByTestId('state').textContent).toBe('idle:0')
    act(() => void task.start())
    await env.advance(0)
    expect(view.getByTestId('state').textContent).toBe('scheduled:1')
    const before = seen.length
    // One run sends runStarted, stateChanged ×2 and runFinished; the render happens once.
    await env.advance(1000)
    expect(view.getByTestId('state').textContent).toBe('scheduled:2')
    expect(seen.length - before).toBe(1)
    // One advance (one act) per run: React 18 would batch the renders of several runs in one act into fewer.
    for (let run = 2; run <= 4; run++) {
      await env.advance(1000)
      expect(seen.length - before).toBe(run)
    }
    expect(seen.at(-1)?.lastSummary?.message).toBe('ok')
  })

  it('keeps the snapshot identity while nothing changed', async () => {
    const task = createTask({ name: 'quiet', interval: 1000, registry: env.registry, run: () => {} })
    const seen: (TaskStatus | null)[] = []
    const view = render(<Probe of={task} seen={seen} />)
    // An event that changes nothing (clearHistory of an empty history) does not re-render.
    act(() => task.clearHistory())
    await act(() => env.clock.flush())
    view.rerender(<Probe of={task} seen={seen} />)
    expect(seen.length).toBe(2)
    expect(seen[1]).toBe(seen[0])
  })

  it('shows a failed task with its reason', async () => {
    const { IrrecoverableError } = await import('@tickwork/core')
    const task = createTask({
      name: 'doomed',
      interval: 1000,
      registry: env.registry,
      logger: env.logger,
      run: ({ runIndex }) => {
        if (runIndex === 2) throw new IrrecoverableError('token revoked')
      },
    })
    const seen: (TaskStatus | null)[] = []
    const view = render(<Probe of={task} seen={seen} />)
    act(() => void task.start())
    await env.advance(5000)
    expect(view.getByTestId('state').textContent).toBe('failed:3')
    expect(seen.at(-1)?.stopReason).toBe('IrrecoverableError: token revoked')
  })

  it('works under StrictMode with the task useTask made', async () => {
    const seen: (TaskStatus | null)[] = []
    function Card(): ReactNode {
      const task = useTask({ name: 'card', interval: 1000, registry: env.registry, run: () => {} })
      return <Probe of={task} seen={seen} />
    }
    const view = render(
      <StrictMode>
        <Card />
      </StrictMode>,
    )
    await env.advance(2000)
    expect(view.getByTestId('state').textContent).toBe('scheduled:3')
    expect(env.registry.size).toBe(1)
  })
})

describe('useTaskStatus(name)', () => {
  it('is null until the task is registered, follows it, and is null again when it is removed', async () => {
    const seen: (TaskStatus | null)[] = []
    const view = render(<Probe of="later" seen={seen} />)
    expect(view.getByTestId('state').textContent).toBe('none')
    await act(async () => {
      createTask({ name: 'later', interval: 1000, registry: env.registry, run: () => {} }).start()
    })
    await env.advance(0)
    expect(view.getByTestId('state').textContent).toBe('scheduled:1')
    await act(async () => {
      env.registry.unregister('later')
    })
    expect(view.getByTestId('state').textContent).toBe('none')
  })

  it('ignores events of other tasks', async () => {
    createTask({ name: 'mine', interval: 1000, registry: env.registry, run: () => {} })
    const other = createTask({ name: 'other', interval: 10, registry: env.registry, run: () => {} })
    const seen: (TaskStatus | null)[] = []
    render(<Probe of="mine" seen={seen} />)
    act(() => void other.start())
    await env.advance(1000)
    expect(other.status().totalRuns).toBeGreaterThan(50)
    expect(seen.length).toBe(1)
  })

  it('reads the default registry when none is given', async () => {
    const task = createTask({ name: 'default-registry-probe', interval: 1000, run: () => {} })
    const seen: (TaskStatus | null)[] = []
    const view = render(<Probe of="default-registry-probe" seen={seen} registry={false} />)
    expect(view.getByTestId('state').textContent).toBe('idle:0')
    const { getDefaultRegistry } = await import('@tickwork/core')
    getDefaultRegistry().unregister(task.name)
  })

  it('rejects what is neither a task nor a name, quoting it', () => {
    const original = console.error
    console.error = () => {}
    try {
      expect(() => render(<Probe of={42 as unknown as string} seen={[]} />)).toThrow(InvalidOptionError)
      expect(() => render(<Probe of={42 as unknown as string} seen={[]} />)).toThrow('useTaskStatus: needs a Task or a task name, got `42` (number)')
    } finally {
      console.error = original
    }
  })

  it('returns null for undefined', () => {
    const seen: (TaskStatus | null)[] = []
    const view = render(<Probe of={undefined} seen={seen} />)
    expect(view.getByTestId('state').textContent).toBe('none')
  })
})
