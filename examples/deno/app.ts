/**
 * A Deno app whose periodic work runs on Deno.cron with state in Deno KV.
 * `deno run --unstable-cron --unstable-kv examples/deno/main.ts` runs it;
 * test.ts drives the same app with an injected cron function.
 */
import { createTask, TaskRegistry } from '@tickwork/core'
import { denoCron, type DenoCronFunction, type DenoCronHandle } from '@tickwork/core/deno'

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Stands in for Deno.cron. */
  cron?: DenoCronFunction
  /** Tick time per call (tests); default: the start of the current minute. */
  now?: () => number
  /** What the slow task waits, in ms. Default 300. */
  slowMs?: number
  /** The tick budget, in ms. Default 1000. */
  budgetMs?: number
}

/** The tasks, the registry and the registered cron. */
export function createApp(kv: Deno.Kv, options: AppOptions = {}): { registry: TaskRegistry; cron: DenoCronHandle; ran: string[] } {
  const ran: string[] = []
  const registry = new TaskRegistry()
  const log = (name: string) => () => {
    ran.push(name)
    return `${name} done`
  }
  createTask({ registry, name: 'flush-metrics', level: 'critical', interval: 60_000, run: log('flush-metrics') })
  createTask({ registry, name: 'refresh-cache', level: 'high', interval: 60_000, run: log('refresh-cache') })
  createTask({
    registry,
    name: 'digest',
    level: 'medium',
    interval: 60_000,
    run: async () => {
      // Given a slowMs above the budget, whatever comes after it is shed.
      await new Promise((resolve) => setTimeout(resolve, options.slowMs ?? 300))
      ran.push('digest')
      return 'digest sent'
    },
  })
  createTask({ registry, name: 'vacuum', level: 'low', interval: 5 * 60_000, run: log('vacuum') })
  const cron = denoCron(registry, {
    name: 'tickwork',
    schedule: '* * * * *',
    kv,
    budgetMs: options.budgetMs ?? 1000,
    ...(options.cron === undefined ? {} : { cron: options.cron }),
    ...(options.now === undefined ? {} : { now: options.now }),
  })
  return { registry, cron, ran }
}
