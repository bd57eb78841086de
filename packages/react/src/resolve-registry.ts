import { getDefaultRegistry, InvalidOptionError, isTaskRegistry, type TaskRegistry } from '@tickwork/core'
import { describeValue } from '@tickwork/core/bridge'

/** The registry a hook reads: the one given, else the default one of this realm. */
export function resolveRegistry(registry: TaskRegistry | undefined, hook: string): TaskRegistry {
  if (registry === undefined) return getDefaultRegistry()
  // A brand check, not instanceof: another copy of @tickwork/core may have made it.
  if (!isTaskRegistry(registry)) {
    throw new InvalidOptionError(`[tickwork] ${hook}: registry must be a TaskRegistry, got ${describeValue(registry)}`)
  }
  return registry
}
