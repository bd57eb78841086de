// Renders one panel view (or any component reading a source) with a source
// store and an environment, without the whole panel around it.
import type { RunSummary } from '@tickwork/core'
import type { RegistrySource, TaskView } from '@tickwork/core/bridge'
import { act, render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { vi } from 'vitest'
import { createSourceStore, type SourceStore } from '../src/store/source-store.ts'
import { EnvironmentProvider, resolveEnvironment } from '../src/ui/environment.tsx'
import { SourceProvider } from '../src/ui/source-context.tsx'
import { setup } from './helpers.ts'

/** A run summary with defaults. */
export function summary(runIndex: number, timestamp: number, patch: Partial<RunSummary> = {}): RunSummary {
  return { timestamp, durationMs: 20, success: true, message: `run ${runIndex}`, extra: {}, runIndex, lateMs: 0, trigger: 'schedule', ...patch }
}

/** A task view with the given history (and facet), from a real task's status and config. */
export function makeView(name: string, history: RunSummary[], patch: Partial<TaskView> = {}, schedule = 'every 1000 ms (fixed delay)'): TaskView {
  const { make } = setup()
  const task = make({ name })
  return { status: task.status(), config: { ...task.config, schedule }, history, ...patch }
}

/** A source over fixed views whose `control` is a spy; `now` is fixed and settable. */
export function staticSource(views: TaskView[], now: number, controllable = true) {
  const map = new Map(views.map((view) => [view.status.name, view]))
  const listeners = new Set<(change: { names: readonly string[]; structure: boolean }) => void>()
  const clock = { now }
  const source: RegistrySource & { set(view: TaskView): void; clock: { now: number } } = {
    label: 'static',
    names: () => [...map.keys()],
    view: (name) => map.get(name),
    subscribe: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    control: vi.fn(),
    controllable,
    now: () => clock.now,
    clock,
    set(view) {
      map.set(view.status.name, view)
      for (const listener of [...listeners]) listener({ names: [view.status.name], structure: false })
    },
  }
  return source
}

/** Renders `ui` inside a source provider and an environment driven by hand. */
export function renderWithSource(source: RegistrySource, ui: (store: SourceStore) => ReactElement) {
  const env = setup()
  const store = createSourceStore(source, { scheduleFrame: env.frames.schedule })
  const environment = resolveEnvironment({ scheduleFrame: env.frames.schedule, clock: env.clock, storage: null })
  const disconnect = store.connect()
  act(() => void env.frames.flushFrame())
  const result = render(
    <EnvironmentProvider value={environment}>
      <SourceProvider value={store}>{ui(store)}</SourceProvider>
    </EnvironmentProvider>,
  )
  const frame = (): void => act(() => void env.frames.flushFrame())
  return { ...result, store, env, frame, disconnect, control: source.control as ReturnType<typeof vi.fn> }
}
