/**
 * Cron schedules through the `croner` library (an optional peer dependency),
 * kept out of the main entry so the core stays dependency-free.
 * @module
 */
import { Cron } from 'croner'
import { describeValue, InvalidOptionError, prefix } from './errors.ts'
import type { Schedule, ScheduleContext } from './schedule.ts'

/** Options of {@link cron}. */
export interface CronScheduleOptions {
  /** IANA time zone the expression is read in, e.g. `Europe/Berlin`. Default: the runtime's local zone. */
  timezone?: string
}

/** Most slots counted as skipped after one overrun; beyond it the count is a lower bound. */
const MAX_SKIP_COUNT = 1000

/**
 * A schedule from a cron expression (5 or 6 fields, croner syntax, e.g.
 * `'0 * * * *'` hourly, `'*\/30 * * * * *'` every 30 s). Daylight-saving gaps and
 * repeats follow croner: a slot inside a spring-forward gap runs at the first
 * valid time, a slot repeated by a fall-back runs once. Slots passed while a run
 * overran are skipped and counted in `status().skippedRuns`, never run in a burst.
 *
 * @example
 * import { cron } from '@tickwork/core/cron'
 * createTask({ name: 'report', schedule: cron('0 7 * * 1-5', { timezone: 'Europe/Berlin' }), run: sendReport })
 */
export function cron(expression: string, options: CronScheduleOptions = {}): Schedule {
  if (typeof expression !== 'string' || expression.trim() === '') {
    throw new InvalidOptionError(`${prefix('cron()')}expression must be a non-empty string, got ${describeValue(expression)}`)
  }
  const timezone = options?.timezone
  if (timezone !== undefined && (typeof timezone !== 'string' || timezone === '')) {
    throw new InvalidOptionError(`${prefix('cron()')}timezone must be an IANA zone name like "Europe/Berlin", got ${describeValue(timezone)}`)
  }
  let job: Cron
  try {
    job = new Cron(expression, timezone === undefined ? {} : { timezone })
    // croner checks the zone only when it computes a date: do it now, not in the loop.
    job.nextRun(new Date(0))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const what = timezone === undefined ? `expression ${describeValue(expression)}` : `expression ${describeValue(expression)} with timezone ${describeValue(timezone)}`
    throw new InvalidOptionError(`${prefix('cron()')}invalid ${what}: ${reason}`)
  }
  const nextAfter = (ms: number): number | null => job.nextRun(new Date(ms))?.getTime() ?? null
  return {
    interval: null,
    anchor: 'wall',
    description: `cron "${expression}"${timezone === undefined ? '' : ` (${timezone})`}`,
    next({ now, previousDueAt, skip }: ScheduleContext): number | null {
      if (previousDueAt !== null) {
        let skipped = 0
        for (let slot = nextAfter(previousDueAt); slot !== null && slot < now && skipped < MAX_SKIP_COUNT; slot = nextAfter(slot)) skipped++
        if (skipped > 0) skip(skipped)
      }
      // A slot at exactly `now` is still ahead of us unless it is the one just
      // run. A previous slot after `now` means the wall clock went back: plan
      // from the new wall time instead of waiting for the old one.
      const from = previousDueAt !== null && previousDueAt >= now - 1 && previousDueAt <= now ? now : now - 1
      return nextAfter(from)
    },
  }
}
