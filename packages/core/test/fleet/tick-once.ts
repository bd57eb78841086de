import type { KernelRegistry } from '../../src/registry.ts'
import { tick, type TickOptions, type TickReport } from '../../src/tick/index.ts'

/** One tick of `registry`: the only place the fleet tests call tick mode. */
export function tickOnce(registry: KernelRegistry, options: TickOptions): Promise<TickReport> {
  return tick(registry, options)
}
