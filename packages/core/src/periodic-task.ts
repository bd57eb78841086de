import { getDefaultRegistry } from './default-registry.ts'
import { defaultPlugins } from './plugins/defaults.ts'
import { Task } from './task.ts'
import type { RunContext, TaskOptions } from './types.ts'

/** Options of a {@link PeriodicTask}: those of a task, without `run`. */
export type PeriodicTaskOptions = Omit<TaskOptions, 'run'>

/**
 * A task to subclass: implement `execute(ctx)`. Like {@link createTask}, the
 * constructor registers it in the default registry (or `registry`) unless
 * `autoRegister: false`.
 *
 * @example
 * class Heartbeat extends PeriodicTask {
 *   constructor() { super({ name: 'heartbeat', interval: 1000, level: 'critical' }) }
 *   protected execute() { return { message: 'alive' } }
 * }
 */
export abstract class PeriodicTask extends Task {
  constructor(options: PeriodicTaskOptions) {
    const standalone = options !== null && typeof options === 'object' && options.autoRegister === false && options.registry === undefined && options.plugins === undefined
    super((standalone ? { ...options, plugins: defaultPlugins() } : options) as TaskOptions)
    if (options.autoRegister !== false) (options.registry ?? getDefaultRegistry()).register(this as never)
  }

  protected abstract override execute(ctx: RunContext): unknown
}
