import { TaskRegistry, type Logger } from '@tickwork/core'
import { timerQueueFor } from '@tickwork/core/testing'
import { createTestClock, type TestClock } from '@tickwork/core/testing'
import { act, cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup)

/** A fresh registry on a fresh virtual clock, warnings collected instead of printed. */
export function setup(): { clock: TestClock; registry: TaskRegistry; warnings: unknown[][]; logger: Logger; pendingWakeUps: () => number; advance: (ms: number) => Promise<void> } {
  const clock = createTestClock({ now: 1_000_000 })
  const warnings: unknown[][] = []
  const logger: Logger = { warn: (...args) => warnings.push(args) }
  const registry = new TaskRegistry({ clock, logger })
  return {
    clock,
    registry,
    warnings,
    logger,
    // Every task on a clock shares one armed timer; the queue's entries are the per-task wake-ups.
    pendingWakeUps: () => timerQueueFor(clock).size,
    advance: (ms) => act(() => clock.advance(ms)),
  }
}
