import { getDefaultRegistry, systemClock } from '@tickwork/core'
import { timerQueueFor } from '@tickwork/core/testing'

/** What the Playwright tests read from `window.__tickwork` in development. */
export interface DebugHook {
  /** Names of the registered tasks, in registration order. */
  names(): string[]
  /** Pending wake-ups on the system clock (one per scheduled task). */
  pendingWakeUps(): number
  /** Clock timers armed by tickwork right now: every task shares at most one. */
  armedTimers(): number
}

declare global {
  interface Window {
    __tickwork?: DebugHook
  }
}

/** Exposes the registry's shape to tests; development builds only. */
export function installDebugHook(): void {
  const registry = getDefaultRegistry()
  const queue = timerQueueFor(systemClock)
  window.__tickwork = {
    names: () => registry.list().map((task) => task.name),
    pendingWakeUps: () => queue.size,
    armedTimers: () => (queue.armed ? 1 : 0),
  }
}
