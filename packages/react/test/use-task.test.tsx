import { Component, StrictMode, useState, type ReactNode } from 'react'
import { act, render } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { createTask, DuplicateTaskError, InvalidOptionError, type RunContext, type Task } from '@tickwork/core'
import { useTask, type UseTaskOptions } from '@tickwork/react'
import { setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup()
})

const strict = (node: ReactNode) => <StrictMode>{node}</StrictMode>

function Job(props: { options: UseTaskOptions; onTask?: (task: Task) => void }): ReactNode {
  const task = useTask(props.options)
  props.onTask?.(task)
  return <span data-testid="name">{task.name}</span>
}

describe('useTask(options) under StrictMode', () => {
  it('registers exactly one task with one pending wake-up and runs it once per interval', async () => {
    const runs: number[] = []
    const tasks = new Set<Task>()
    render(strict(<Job options={{ name: 'poll', interval: 1000, registry: env.registry, logger: env.logger, run: (ctx) => void runs.push(ctx.runIndex) }} onTask={(t) => tasks.add(t)} />))
    await act(() => env.clock.flush())
    expect(env.registry.list().map((t) => t.name)).toEqual(['poll'])
    expect(env.registry.get('poll')?.state).toBe('scheduled')
    expect(env.clock.armedTimers).toBe(1)
    expect(env.pendingWakeUps()).toBe(1)
    // The render React threw away made a Task object but never registered or started it.
    const registered = env.registry.get('poll')
    expect([...tasks].filter((t) => t.isRunning)).toEqual([registered])
    await env.advance(0)
    expect(runs).toEqual([0])
    await env.advance(1000)
    expect(runs).toEqual([0, 1])
    await env.advance(3000)
    expect(runs).toEqual([0, 1, 2, 3, 4])
    expect(env.pendingWakeUps()).toBe(1)
    expect(env.warnings).toEqual([])
  })

  it('does not run twice when the double mount happens with initialDelay 0', async () => {
    let runs = 0
    render(strict(<Job options={{ name: 'once', interval: 60_000, registry: env.registry, run: () => void runs++ }} />))
    await env.advance(59_999)
    expect(runs).toBe(1)
  })

  it('stops and unregisters the task on unmount, leaving no timer', async () => {
    const view = render(strict(<Job options={{ name: 'poll', interval: 1000, registry: env.registry, run: () => {} }} />))
    await env.advance(2500)
    const task = env.registry.get('poll')
    view.unmount()
    await act(() => env.clock.flush())
    expect(env.registry.size).toBe(0)
    expect(task?.state).toBe('stopped')
    expect(env.clock.armedTimers).toBe(0)
    expect(env.pendingWakeUps()).toBe(0)
  })

  it('aborts the signal of a run in flight on unmount', async () => {
    let signal: AbortSignal | undefined
    const view = render(
      strict(<Job options={{ name: 'slow', interval: 1000, registry: env.registry, logger: env.logger, run: (ctx: RunContext) => { signal = ctx.signal; return new Promise<void>(() => {}) } }} />),
    )
    await env.advance(0)
    expect(signal?.aborted).toBe(false)
    view.unmount()
    expect(signal?.aborted).toBe(true)
  })

  it('uses the latest run function without restarting the schedule', async () => {
    const calls: string[] = []
    function Counter(props: { label: string }): ReactNode {
      useTask({ name: 'tick', interval: 1000, registry: env.registry, run: () => void calls.push(props.label) })
      return null
    }
    const view = render(strict(<Counter label="a" />))
    await env.advance(0)
    await env.advance(500)
    const task = env.registry.get('tick') as Task
    const nextRunAt = task.status().nextRunAt
    const events: string[] = []
    task.subscribe((event) => events.push(event.type))
    view.rerender(strict(<Counter label="b" />))
    await act(() => env.clock.flush())
    expect(env.registry.get('tick')).toBe(task)
    expect(task.status().nextRunAt).toBe(nextRunAt)
    expect(events).toEqual([]) // no update event, no restart
    await env.advance(500)
    expect(calls).toEqual(['a', 'b'])
  })

  it('calls the latest onError, and without one logs through the task logger', async () => {
    const seen: string[] = []
    function Failing(props: { label: string; withHandler: boolean }): ReactNode {
      useTask({
        name: 'failing',
        interval: 1000,
        registry: env.registry,
        logger: env.logger,
        run: () => {
          throw new Error('boom')
        },
        ...(props.withHandler ? { onError: (error: unknown) => void seen.push(`${props.label}:${(error as Error).message}`) } : {}),
      })
      return null
    }
    const view = render(strict(<Failing label="a" withHandler />))
    await env.advance(0)
    view.rerender(strict(<Failing label="b" withHandler />))
    await env.advance(1000)
    expect(seen).toEqual(['a:boom', 'b:boom'])
    view.rerender(strict(<Failing label="c" withHandler={false} />))
    await env.advance(1000)
    expect(seen).toHaveLength(2)
    expect(String(env.warnings.at(-1)?.[0])).toContain('task "failing": run 2 failed: boom')
  })

  it('follows a new level live', async () => {
    function Leveled(props: { level: 'low' | 'critical' }): ReactNode {
      useTask({ name: 'lv', interval: 1000, level: props.level, registry: env.registry, run: () => {} })
      return null
    }
    const view = render(strict(<Leveled level="low" />))
    const task = env.registry.get('lv') as Task
    view.rerender(strict(<Leveled level="critical" />))
    expect(env.registry.get('lv')).toBe(task)
    expect(task.level).toBe('critical')
    expect(env.registry.byLevel('critical')).toEqual([task])
  })

  it('applies a new interval with task.update() and keeps the same task', async () => {
    function Poller(props: { interval: number }): ReactNode {
      useTask({ name: 'p', interval: props.interval, registry: env.registry, run: () => {} })
      return null
    }
    const view = render(strict(<Poller interval={1000} />))
    await env.advance(0)
    const task = env.registry.get('p') as Task
    view.rerender(strict(<Poller interval={5000} />))
    await act(() => env.clock.flush())
    expect(env.registry.get('p')).toBe(task)
    expect(task.status().interval).toBe(5000)
    expect(task.status().totalRuns).toBe(1)
    await env.advance(1000)
    expect(task.status().totalRuns).toBe(1) // the next wait uses the new interval
  })

  it('replaces the task when the name changes', async () => {
    const view = render(strict(<Job options={{ name: 'first', interval: 1000, registry: env.registry, run: () => {} }} />))
    await act(() => env.clock.flush())
    view.rerender(strict(<Job options={{ name: 'second', interval: 1000, registry: env.registry, run: () => {} }} />))
    await act(() => env.clock.flush())
    expect(env.registry.list().map((t) => t.name)).toEqual(['second'])
    expect(env.pendingWakeUps()).toBe(1)
  })

  it('registers but does not start with autoStart: false', async () => {
    render(strict(<Job options={{ name: 'idle', interval: 1000, registry: env.registry, autoStart: false, run: () => {} }} />))
    await env.advance(5000)
    expect(env.registry.get('idle')?.state).toBe('idle')
    expect(env.pendingWakeUps()).toBe(0)
  })

  it('two mounted components with one name: the second gets DuplicateTaskError', () => {
    const caught: unknown[] = []
    class Boundary extends Component<{ children: ReactNode }, { failed: boolean }> {
      override state = { failed: false }
      static getDerivedStateFromError(): { failed: boolean } {
        return { failed: true }
      }
      override componentDidCatch(error: unknown): void {
        caught.push(error)
      }
      override render(): ReactNode {
        return this.state.failed ? 'failed' : this.props.children
      }
    }
    const original = console.error
    console.error = () => {}
    try {
      render(
        strict(
          <Boundary>
            <Job options={{ name: 'same', interval: 1000, registry: env.registry, run: () => {} }} />
            <Job options={{ name: 'same', interval: 1000, registry: env.registry, run: () => {} }} />
          </Boundary>,
        ),
      )
    } finally {
      console.error = original
    }
    expect(caught[0]).toBeInstanceOf(DuplicateTaskError)
    expect(String(caught[0])).toMatch(/"same" is already registered/)
  })
})

describe('useTask(task)', () => {
  it('starts an adopted task and leaves it registered and running on unmount', async () => {
    let runs = 0
    const task = createTask({ name: 'shared', interval: 1000, registry: env.registry, run: () => void runs++ })
    function Viewer(): ReactNode {
      return <span>{useTask(task).name}</span>
    }
    const view = render(strict(<Viewer />))
    await env.advance(0)
    expect(task.state).toBe('scheduled')
    expect(env.pendingWakeUps()).toBe(1)
    view.unmount()
    await env.advance(1000)
    expect(env.registry.get('shared')).toBe(task)
    expect(runs).toBe(2)
  })

  it('does not start an adopted task with autoStart: false', async () => {
    const task = createTask({ name: 'manual', interval: 1000, registry: env.registry, run: () => {} })
    function Viewer(): ReactNode {
      useTask(task, { autoStart: false })
      return null
    }
    render(strict(<Viewer />))
    await env.advance(1000)
    expect(task.state).toBe('idle')
  })
})

describe('useTask bad input', () => {
  function Bad(props: { input: unknown }): ReactNode {
    useTask(props.input as UseTaskOptions)
    return null
  }
  const quiet = <T,>(fn: () => T): T => {
    const original = console.error
    console.error = () => {}
    try {
      return fn()
    } finally {
      console.error = original
    }
  }

  it('names the error and quotes what it received', () => {
    quiet(() => {
      expect(() => render(<Bad input={42} />)).toThrow(InvalidOptionError)
      expect(() => render(<Bad input={42} />)).toThrow('useTask: needs task options or a Task, got `42` (number)')
      expect(() => render(<Bad input={{ name: 'x', interval: 1000, run: 'nope' }} />)).toThrow('run must be a function, got `"nope"` (string)')
      expect(() => render(<Bad input={{ name: 'x', interval: -5, run: () => {} }} />)).toThrow(/interval.*`-5` \(number\)/)
      expect(() => render(<Bad input={{ name: 'x', interval: 1000, run: () => {}, registry: {} }} />)).toThrow('registry must be a TaskRegistry, got `{}` (object)')
    })
  })

  it('keeps state across renders that do not change the identity', async () => {
    function Toggle(): ReactNode {
      const [n, setN] = useState(0)
      const task = useTask({ name: 't', interval: 1000, registry: env.registry, run: () => {} })
      return <button type="button" onClick={() => setN(n + 1)}>{task.name}{n}</button>
    }
    const view = render(strict(<Toggle />))
    const task = env.registry.get('t')
    act(() => view.getByRole('button').click())
    act(() => view.getByRole('button').click())
    expect(view.getByRole('button').textContent).toBe('t2')
    expect(env.registry.get('t')).toBe(task)
  })
})
