import { createTask, TaskRegistry, type Logger, type Task, type TaskOptions } from '@tickwork/core'
import { createTestClock, type TestClock } from '@tickwork/core/testing'

/**
 * A fresh registry on a fresh virtual clock; warnings are collected, not printed.
 * Tasks run scheduled work directly (`scheduler: null`): where `scheduler.postTask`
 * exists (Chromium) a posted run is a real macrotask the virtual clock cannot flush.
 */
export function setup(): { clock: TestClock; registry: TaskRegistry; warnings: unknown[][]; make: (options: Partial<TaskOptions> & { name: string }) => Task } {
  const clock = createTestClock()
  const warnings: unknown[][] = []
  const logger: Logger = { warn: (...args) => void warnings.push(args) }
  const registry = new TaskRegistry({ clock, logger })
  const make = (options: Partial<TaskOptions> & { name: string }): Task =>
    createTask({ ...(options.schedule ? {} : { interval: 1000 }), run: () => {}, logger, registry, scheduler: null, ...options })
  return { clock, registry, warnings, make }
}

/** Resolves when `signal` aborts (or at once when it already has). */
export function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
}

/** Wraps a signal to count listeners that are added and not yet removed. */
export function countingSignal(controller = new AbortController()): { signal: AbortSignal; live: () => number } {
  const signal = controller.signal
  let live = 0
  const add = signal.addEventListener.bind(signal)
  const remove = signal.removeEventListener.bind(signal)
  signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
    live++
    add(...args)
  }) as AbortSignal['addEventListener']
  signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
    live--
    remove(...args)
  }) as AbortSignal['removeEventListener']
  return { signal, live: () => live }
}
