import { getDefaultRegistry } from './default-registry.ts'
import { defaultPlugins } from './plugins/defaults.ts'
import { Task } from './task.ts'
import type { TaskOptions } from './types.ts'

/**
 * Creates a task from a plain function and registers it in the default
 * registry (or `options.registry`), unless `autoRegister: false`. A task in
 * no registry gets the default plugins, as one in the default registry does.
 *
 * @example
 * const poll = createTask({ name: 'poll', interval: 5000, run: async ({ signal }) => { await fetch(url, { signal }) } })
 * poll.start()
 */
export function createTask(options: TaskOptions): Task {
  const standalone = options !== null && typeof options === 'object' && options.autoRegister === false && options.registry === undefined && options.plugins === undefined
  const task = new Task(standalone ? { ...options, plugins: defaultPlugins() } : options)
  if (options.autoRegister !== false) (options.registry ?? getDefaultRegistry()).register(task as never)
  return task
}
