/**
 * Property tests of the schedule wrappers and cron: whatever the inputs, a
 * schedule never asks for a run before `now`, jitter stays inside its band,
 * backoff never shortens a wait and never exceeds its cap, and cron slots only
 * move forward. A fixed seed keeps CI deterministic.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoff, fixedDelay, fixedRate, jitter, type ScheduleContext } from '@tickwork/core'
import { cron } from '@tickwork/core/cron'

const SEED = 20261125
const ctx = (now: number, previousDueAt: number | null, runCount: number, consecutiveFailures: number): ScheduleContext => ({
  now,
  wallNow: now,
  memo: undefined,
  previousDueAt,
  runCount,
  consecutiveFailures,
  skip: () => {},
})

const base = fc.oneof(
  fc.integer({ min: 1, max: 100_000 }).map((ms) => ({ ms, schedule: fixedDelay(ms) })),
  fc.integer({ min: 1, max: 100_000 }).map((ms) => ({ ms, schedule: fixedRate(ms) })),
)
const context = fc.record({
  now: fc.integer({ min: 0, max: 2 ** 42 }),
  lag: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
  runCount: fc.integer({ min: 0, max: 1000 }),
  failures: fc.integer({ min: 0, max: 60 }),
})

describe('schedule properties', () => {
  it('jitter stays within ±ratio of the interval around the wrapped deadline, and never before now', () => {
    fc.assert(
      fc.property(base, context, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), ({ ms, schedule }, c, ratio, draw) => {
        const previous = c.lag === null ? null : c.now - c.lag
        const wrapped = schedule.next(ctx(c.now, previous, c.runCount, 0)) as number
        const due = jitter(schedule, ratio, { random: () => draw }).next(ctx(c.now, previous, c.runCount, 0)) as number
        expect(due).toBeGreaterThanOrEqual(c.now)
        // Sub-ms deadlines: no rounding, so the bound is exact.
        // Floating point on epoch-sized numbers: a hundredth of a millisecond of slack.
        expect(Math.abs(due - wrapped)).toBeLessThanOrEqual(ratio * ms + 0.01)
      }),
      { seed: SEED, numRuns: 500 },
    )
  })

  it('backoff never shortens the wrapped wait, never exceeds max, and is the identity without failures', () => {
    fc.assert(
      fc.property(base, context, fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: 1, max: 10_000_000 }), ({ schedule }, c, factor, max) => {
        const previous = c.lag === null ? null : c.now - c.lag
        const wrapped = schedule.next(ctx(c.now, previous, c.runCount, c.failures)) as number
        const due = backoff(schedule, { factor, max }).next(ctx(c.now, previous, c.runCount, c.failures)) as number
        expect(due).toBeGreaterThanOrEqual(wrapped)
        if (c.failures === 0) expect(due).toBe(wrapped)
        else expect(due - c.now).toBeLessThanOrEqual(Math.max(max, wrapped - c.now))
      }),
      { seed: SEED, numRuns: 500 },
    )
  })

  it('cron slots are never before now, and strictly after the previous slot', () => {
    const expressions = ['*/7 * * * * *', '0 * * * *', '30 2 * * *', '0 0 1 * *', '15 1 * * 0']
    const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata']
    const schedules = expressions.flatMap((expression) => zones.map((timezone) => cron(expression, { timezone })))
    fc.assert(
      fc.property(fc.nat(schedules.length - 1), fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), fc.integer({ min: 0, max: 5_000 }), (at, now, runFor) => {
        const schedule = schedules[at]!
        const first = schedule.next(ctx(now, null, 0, 0)) as number
        expect(first).toBeGreaterThanOrEqual(now - 1)
        const second = schedule.next(ctx(first + runFor, first, 1, 0)) as number
        expect(second).toBeGreaterThan(first)
        expect(second).toBeGreaterThanOrEqual(first + runFor)
      }),
      { seed: SEED, numRuns: 300 },
    )
  })
})
