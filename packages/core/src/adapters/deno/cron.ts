import { describeValue, InvalidOptionError, prefix } from '../../errors.ts'
import type { KernelRegistry as TaskRegistry } from '../../registry.ts'
import type { TickReport } from '../../tick/run-due.ts'
import { denoKvStore, type DenoKvLike } from './kv-store.ts'
import { tick as runTick } from '../../tick/run-due.ts'

/** `Deno.cron`'s signature, as far as tickwork calls it. */
export type DenoCronFunction = (name: string, schedule: string, handler: () => Promise<void>) => Promise<void> | void

/** Options of {@link denoCron}. */
export interface DenoCronOptions {
  /** The cron job's name (unique per Deno Deploy project). */
  name: string
  /** When Deno calls in: a 5-field cron expression (UTC, minute granularity), e.g. `* * * * *`. */
  schedule: string
  /** Where state lives: `await Deno.openKv()`. */
  kv: DenoKvLike
  /** Ms after which no new run starts. Default: no limit. */
  budgetMs?: number
  /** Store key prefix. Default `tickwork:`. */
  keyPrefix?: string
  /** Called with each tick's report. */
  onReport?: (report: TickReport) => void | Promise<void>
  /** Stands in for `Deno.cron` (tests); default: `Deno.cron`, looked up at call time. */
  cron?: DenoCronFunction
  /** The tick's epoch ms from the call time. Default: the start of the current minute (the cron slot). */
  now?: () => number
}

/** What {@link denoCron} returns. */
export interface DenoCronHandle {
  /** What `Deno.cron` returned (it resolves when the cron is closed). */
  readonly registered: Promise<void> | void
  /** Ticks as a cron call would, at `now`. */
  tick(now: number): Promise<TickReport>
  /** The report of the last tick, or null. */
  lastReport(): TickReport | null
}

const MINUTE = 60_000

/**
 * Registers a `Deno.cron` job that ticks the registry, with state in Deno KV.
 * `Deno.cron` passes no scheduled time, so the tick's `now` is the start of
 * the minute it fired in: a retry of a failed handler within that minute
 * (Deno crons are at-least-once) claims the same slots and runs nothing twice.
 * Run with `--unstable-cron --unstable-kv` outside Deno Deploy.
 *
 * @example
 * denoCron(registry, { name: 'tickwork', schedule: '* * * * *', kv: await Deno.openKv(), budgetMs: 10_000 })
 */
export function denoCron(registry: TaskRegistry, options: DenoCronOptions): DenoCronHandle {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${prefix('denoCron()')}needs options { name, schedule, kv }, got ${describeValue(options)}`)
  }
  if (typeof options.name !== 'string' || options.name === '') {
    throw new InvalidOptionError(`${prefix('denoCron()')}name must be a non-empty string, got ${describeValue(options.name)}`)
  }
  if (typeof options.schedule !== 'string' || options.schedule.trim().split(/\s+/).length !== 5) {
    throw new InvalidOptionError(`${prefix('denoCron()')}schedule must be a 5-field cron expression like "* * * * *", got ${describeValue(options.schedule)}`)
  }
  const cron = options.cron ?? (globalThis as { Deno?: { cron?: DenoCronFunction } }).Deno?.cron
  if (typeof cron !== 'function') {
    throw new InvalidOptionError(`${prefix('denoCron()')}Deno.cron is not available (run Deno with --unstable-cron, or pass options.cron), got ${describeValue(cron)}`)
  }
  const store = denoKvStore(options.kv)
  const slotNow = options.now ?? (() => Math.floor(Date.now() / MINUTE) * MINUTE)
  let last: TickReport | null = null

  const tick = async (now: number): Promise<TickReport> => {
    const report = await runTick(registry, {
      now,
      store,
      ...(options.budgetMs === undefined ? {} : { budgetMs: options.budgetMs }),
      ...(options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix }),
    })
    last = report
    await options.onReport?.(report)
    return report
  }
  // A rejection here reaches Deno.cron, which retries the call: the claims keep that idempotent.
  const registered = cron(options.name, options.schedule, async () => {
    await tick(slotNow())
  })
  return { registered, tick, lastReport: () => last }
}
