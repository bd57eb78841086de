import { defaultPlugins } from './plugins/defaults.ts'
import { KernelRegistry, type RegistryOptions } from './registry.ts'

/**
 * A set of named tasks: look them up, count them, listen to them, start and
 * stop them together. Apps use `getDefaultRegistry()`; tests make fresh ones.
 *
 * Unless `plugins` says otherwise it has the default plugins, which make
 * levels act (page visibility, `scheduler.postTask` priorities, `exclusive`).
 * `plugins: []` gives the lean kernel.
 */
export class TaskRegistry extends KernelRegistry {
  constructor(options: RegistryOptions = {}) {
    super(options !== null && typeof options === 'object' && options.plugins === undefined ? { ...options, plugins: defaultPlugins() } : options)
  }
}
