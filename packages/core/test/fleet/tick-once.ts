import type { TaskRegistry } from '../../src/registry.ts'
import type { TickOptions, TickReport } from '../../src/tick/run-due.ts'

/** One tick of `registry`: the only place the fleet tests call tick mode. */
export function tickOnce(registry: TaskRegistry, options: TickOptions): Promise<TickReport> {
  return registry.tick(options)
}
