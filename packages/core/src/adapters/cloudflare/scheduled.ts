import { describeValue, InvalidOptionError, prefix } from '../../errors.ts'
import type { KernelRegistry as TaskRegistry } from '../../registry.ts'
import type { TickReport } from '../../tick/run-due.ts'
import { assertTickStore, type TickStore } from '../../tick/store.ts'
import { tick as runTick } from '../../tick/run-due.ts'

/** The `controller` a Worker's `scheduled` handler receives. */
export interface ScheduledControllerLike {
  /** Epoch ms of the Cron Trigger slot: the tick's `now`. */
  readonly scheduledTime: number
  readonly cron?: string
}

/** Options of {@link scheduledHandler}. */
export interface ScheduledHandlerOptions<Env> {
  /** The store, or a function making it from the Worker's `env` (bindings exist only per invocation). */
  store: TickStore | ((env: Env) => TickStore)
  /** Ms after which no new run starts (Workers CPU limits: 10 ms free, 30 s+ paid). Default: no limit. */
  budgetMs?: number
  /** Store key prefix. Default `tickwork:`. */
  keyPrefix?: string
  /** Called with each tick's report, e.g. to log it. */
  onReport?: (report: TickReport, env: Env) => void | Promise<void>
}

/**
 * A Worker `scheduled` handler for Cron Triggers: each call ticks the registry
 * at `controller.scheduledTime` (never the frozen `Date.now()`). Cron Triggers
 * fire at most once a minute; for shorter intervals use `alarmTicker` in a
 * Durable Object.
 *
 * @example
 * export default { scheduled: scheduledHandler(registry, { store: (env) => kvStore(env.TICKS), budgetMs: 5000 }) }
 */
export function scheduledHandler<Env = unknown>(
  registry: TaskRegistry,
  options: ScheduledHandlerOptions<Env>,
): (controller: ScheduledControllerLike, env: Env, ctx?: unknown) => Promise<TickReport> {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${prefix('scheduledHandler()')}needs options { store, budgetMs? }, got ${describeValue(options)}`)
  }
  if (typeof options.store !== 'function') assertTickStore(options.store, 'scheduledHandler()')
  return async (controller, env) => {
    const time = (controller as ScheduledControllerLike | undefined)?.scheduledTime
    if (typeof time !== 'number' || !Number.isFinite(time)) {
      throw new InvalidOptionError(`${prefix('scheduledHandler()')}controller.scheduledTime must be epoch ms, got ${describeValue(time)}`)
    }
    const store = typeof options.store === 'function' ? options.store(env) : options.store
    const report = await runTick(registry, {
      now: time,
      store,
      ...(options.budgetMs === undefined ? {} : { budgetMs: options.budgetMs }),
      ...(options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix }),
    })
    await options.onReport?.(report, env)
    return report
  }
}
