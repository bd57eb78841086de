/**
 * The lean kernel: tasks and a registry with no plugins (no page
 * visibility, no `postTask`, no `exclusive`) and no default registry. For
 * servers and workers that want the smallest bundle. Tasks and registries
 * from here and from the main entry work together.
 *
 * @example
 * import { createTask, TaskRegistry } from '@tickwork/core/kernel'
 * const registry = new TaskRegistry()
 * createTask({ name: 'flush', interval: 1000, run: flush, registry }).start()
 * @module
 */
import { Task } from './task.ts'
import type { TaskOptions } from './types.ts'

export { KernelRegistry as TaskRegistry, type RegistryEvent, type RegistryOptions } from './registry.ts'
export { Task, type StopOptions, type TaskUpdate } from './task.ts'
export { fixedDelay, fixedRate } from './schedule.ts'
export { sleep } from './sleep.ts'
export { systemClock } from './clock.ts'
export { isIrrecoverable, isTask, isTaskRegistry } from './brand.ts'
export { InvalidOptionError, IrrecoverableError, TaskStoppedError, TimeoutError } from './errors.ts'

/** Creates a task and registers it in `options.registry` when one is given (there is no default registry here). */
export function createTask(options: TaskOptions): Task {
  const task = new Task(options)
  if (options.registry !== undefined && options.autoRegister !== false) options.registry.register(task as never)
  return task
}
