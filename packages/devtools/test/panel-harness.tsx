import { act, cleanup, render, within } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'
import { TickworkDevtoolsPanel } from '../src/index.ts'
import type { DevtoolsEnvironment } from '../src/ui/environment.tsx'
import { fakeListLayout, memoryStorage, setup, shadowRootOf } from './helpers.ts'

/** The list row of one task. */
export function row(root: HTMLElement, name: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`[role=option][data-task="${name}"]`)
  if (found === null) throw new Error(`no row for ${name}`)
  return found
}

/**
 * Registers a fresh registry, virtual clock, hand-driven frames, in-memory
 * storage and a laid-out list for each test of the enclosing `describe`, and
 * gives the functions that drive an embedded panel over them.
 */
export function panelHarness() {
  const harness = {
    env: undefined as unknown as ReturnType<typeof setup>,
    storage: undefined as unknown as ReturnType<typeof memoryStorage>,
    environment: undefined as unknown as DevtoolsEnvironment,
    frame(): void {
      act(() => {
        harness.env.frames.flushFrame()
      })
    },
    async advance(ms: number): Promise<void> {
      await act(async () => {
        await harness.env.clock.advance(ms)
      })
      harness.frame()
    },
    mount(props: Parameters<typeof TickworkDevtoolsPanel>[0] = {}) {
      const result = render(<TickworkDevtoolsPanel registry={harness.env.registry} environment={harness.environment} {...props} />)
      harness.frame()
      const root = shadowRootOf(result.container)
      return { ...result, root, ui: within(root) }
    },
  }
  let restoreLayout: () => void
  beforeEach(() => {
    restoreLayout = fakeListLayout()
    harness.env = setup()
    harness.storage = memoryStorage()
    harness.environment = { scheduleFrame: harness.env.frames.schedule, clock: harness.env.clock, storage: harness.storage }
  })
  afterEach(() => {
    cleanup()
    restoreLayout()
  })
  return harness
}
