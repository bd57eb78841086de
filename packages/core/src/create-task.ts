import { getDefaultRegistry } from './default-registry.ts'
import { Task } from './task.ts'
import type { TaskOptions } from './types.ts'

/**
 * Creates a task from a function and registers it in the default registry
 * (or `options.registry`; none with `autoRegister: false`). It does not start.
 *
 * Names are unique per registry, so code that may run twice (React
 * StrictMode mounts effects twice) should adopt or remove the existing task:
 *
 * @example
 * const task = createTask({ name: 'sync', interval: 30_000, run: ({ signal }) => sync(signal) })
 * task.start()
 *
 * // in an effect that may run twice:
 * const registry = getDefaultRegistry()
 * const task = registry.get('sync') ?? createTask({ name: 'sync', interval: 30_000, run: sync })
 * task.start()
 * return () => { registry.unregister('sync') } // stops it and frees the name
 */
export function createTask(options: TaskOptions): Task {
  const task = new Task(options)
  if (options.autoRegister !== false) (options.registry ?? getDefaultRegistry()).register(task)
  return task
}
