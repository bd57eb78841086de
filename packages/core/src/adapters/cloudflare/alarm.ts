import { describeValue, InvalidOptionError, prefix } from '../../errors.ts'
import type { KernelRegistry as TaskRegistry } from '../../registry.ts'
import type { TickReport } from '../../tick/run-due.ts'
import { durableObjectStore, type DurableObjectStorageLike } from './durable-object-store.ts'
import { tick as runTick } from '../../tick/run-due.ts'

/** Durable Object storage with its alarm. */
export interface AlarmStorageLike extends DurableObjectStorageLike {
  getAlarm(): Promise<number | null>
  setAlarm(scheduledTime: number): Promise<void>
  deleteAlarm(): Promise<void>
}

/** Options of {@link alarmTicker}. */
export interface AlarmTickerOptions {
  /** Ms after which no new run starts. Default: no limit. */
  budgetMs?: number
  /** Store key prefix. Default `tickwork:`. */
  keyPrefix?: string
  /** Called with each tick's report. */
  onReport?: (report: TickReport) => void | Promise<void>
}

/** What {@link alarmTicker} gives a Durable Object. */
export interface AlarmTicker {
  /** Call from the object's `alarm()`: ticks at the time the alarm was set for, then re-arms. */
  alarm(): Promise<TickReport>
  /** Ticks at `now` (e.g. a Cron Trigger's `scheduledTime` forwarded here), then re-arms. */
  tick(now: number): Promise<TickReport>
  /** Sets the one alarm to `at` unless an earlier one is set; call once to start. Resolves the alarm time. */
  arm(at: number): Promise<number>
  /** The alarm time set, or null. */
  nextAlarm(): Promise<number | null>
}

/**
 * Drives a registry from a Durable Object alarm: the object keeps ONE alarm,
 * set to the earliest next due time of its tasks, and re-arms it after every
 * tick. State lives in the object's storage ({@link durableObjectStore}), so
 * intervals below a minute work and a fresh isolate knows what ran.
 *
 * @example
 * export class Ticker extends DurableObject {
 *   ticker = alarmTicker(this.ctx.storage, registry, { budgetMs: 2000 })
 *   alarm() { return this.ticker.alarm() }
 * }
 */
export function alarmTicker(storage: AlarmStorageLike, registry: TaskRegistry, options: AlarmTickerOptions = {}): AlarmTicker {
  if (storage === null || typeof storage !== 'object' || typeof storage.setAlarm !== 'function' || typeof storage.getAlarm !== 'function') {
    throw new InvalidOptionError(`${prefix('alarmTicker()')}needs a Durable Object's ctx.storage (with setAlarm), got ${describeValue(storage)}`)
  }
  const store = durableObjectStore(storage)
  const keyPrefix = options.keyPrefix ?? 'tickwork:'
  // The alarm handler is not told its scheduled time, so the time set is kept beside it.
  const alarmKey = `${keyPrefix}alarm`

  const setAlarm = async (at: number): Promise<void> => {
    await storage.put(alarmKey, at)
    await storage.setAlarm(at)
  }

  const tick = async (now: number): Promise<TickReport> => {
    const report = await runTick(registry, {
      now,
      store,
      keyPrefix,
      ...(options.budgetMs === undefined ? {} : { budgetMs: options.budgetMs }),
    })
    if (report.nextDueAt === null) {
      await storage.delete(alarmKey)
      await storage.deleteAlarm()
    } else {
      // Shed work is due at once; never set the alarm behind this tick's now, so ticks never go back in time.
      await setAlarm(Math.max(report.nextDueAt, now))
    }
    await options.onReport?.(report)
    return report
  }

  return {
    tick,
    async alarm() {
      const stored = await storage.get(alarmKey)
      // Without a recorded time (an alarm set by other code), the start of this invocation is the best we have.
      return tick(typeof stored === 'number' ? stored : Date.now())
    },
    async arm(at) {
      if (typeof at !== 'number' || !Number.isFinite(at)) {
        throw new InvalidOptionError(`${prefix('alarmTicker()')}arm(at) needs epoch ms, got ${describeValue(at)}`)
      }
      const current = await storage.getAlarm()
      if (current !== null && current <= at) return current
      await setAlarm(at)
      return at
    },
    nextAlarm: () => storage.getAlarm(),
  }
}
