import { useMemo, useSyncExternalStore } from 'react'
import { InvalidOptionError, type RegistrySummary, type TaskRegistry } from '@tickwork/core'
import { describeValue } from '@tickwork/core/bridge'
import { registrySummaryEqual } from './equality.ts'
import { cachedStore } from './external-store.ts'
import { resolveRegistry } from './resolve-registry.ts'

/** Options of {@link useRegistrySummary}. */
export interface RegistrySummaryOptions {
  /**
   * Look at the registry at most once per this many ms. Default 0: once per
   * microtask. Every check builds every task's status, so with thousands of
   * tasks a few hundred ms keeps a header cheap.
   */
  throttleMs?: number
}

/**
 * The live summary of a registry (default: the default registry): counts in
 * total and by level, and every task's status. Events are coalesced to one
 * check per microtask, and the returned object keeps its identity until
 * something in it changed, so memoised children stay put.
 *
 * @example
 * const { totalCount, runningCount, byLevel } = useRegistrySummary()
 * return <p>{runningCount}/{totalCount} running · {byLevel.critical.running} critical</p>
 */
export function useRegistrySummary(registry?: TaskRegistry, options: RegistrySummaryOptions = {}): RegistrySummary {
  const resolved = resolveRegistry(registry, 'useRegistrySummary')
  const throttleMs = options.throttleMs ?? 0
  if (typeof throttleMs !== 'number' || !(throttleMs >= 0) || !Number.isFinite(throttleMs)) {
    throw new InvalidOptionError(`[tickwork] useRegistrySummary: throttleMs must be a finite number of ms ≥ 0, got ${describeValue(throttleMs)}`)
  }
  const store = useMemo(() => {
    // The registry's clock, so a test clock drives the throttle too.
    const defer = throttleMs > 0 ? (callback: () => void) => void resolved.clock.setTimeout(callback, throttleMs) : undefined
    return cachedStore((onEvent) => resolved.subscribe(onEvent), () => resolved.summary(), registrySummaryEqual, defer)
  }, [resolved, throttleMs])
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
}
