import type { Logger } from '../src/logger.ts'
import type { PluginHost } from '../src/plugin.ts'
import type { TaskOptions } from '../src/types.ts'
import { createTestClock, type TestClock } from '../src/testing.ts'

/** A {@link PluginHost} for plugin tests: records what the plugin asks of the loop. */
export interface FakeHost extends PluginHost {
  readonly clock: TestClock
  readonly aborted: Error[]
  readonly warnings: unknown[][]
  changes: number
}

/** A host for the task `name` with extra task options (e.g. `exclusive`), on a fresh virtual clock. */
export function fakeHost(options: Record<string, unknown>, name = 'job'): FakeHost {
  const warnings: unknown[][] = []
  const logger: Logger = { warn: (...args) => void warnings.push(args) }
  const host: FakeHost = {
    name,
    level: 'medium',
    options: { name, interval: 100, run: () => {}, ...options } as TaskOptions,
    clock: createTestClock({ now: 0 }),
    logger,
    interval: 100,
    aborted: [],
    warnings,
    changes: 0,
    release: () => {},
    abortRun: (reason) => void host.aborted.push(reason),
    changed: () => void host.changes++,
  }
  return host
}
