import { beforeEach, describe, expect, it } from 'vitest'
import { cron } from '../src/cron.ts'
import { InvalidOptionError } from '../src/index.ts'
import { setup } from './helpers.ts'

let env: ReturnType<typeof setup>

const iso = (ms: number): string => new Date(ms).toISOString()
const HOUR = 3_600_000

describe('cron()', () => {
  beforeEach(() => {
    env = setup(Date.UTC(2026, 0, 5, 9, 59, 30))
  })

  it('runs on the expression’s slots, never early', async () => {
    const starts: string[] = []
    const task = env.make({ name: 'c', schedule: cron('0 * * * *', { timezone: 'UTC' }), run: () => void starts.push(iso(env.clock.now())) })
    task.start()
    expect(task.status().nextRunAt).toBe(Date.UTC(2026, 0, 5, 10))
    await env.clock.advance(29_999)
    expect(starts).toEqual([])
    await env.clock.advance(3 * HOUR)
    expect(starts).toEqual(['2026-01-05T10:00:00.000Z', '2026-01-05T11:00:00.000Z', '2026-01-05T12:00:00.000Z'])
    expect(task.status()).toMatchObject({ interval: null })
    expect(task.config.schedule).toBe('cron "0 * * * *" (UTC)')
  })

  it('runs a slot falling exactly on start at once', async () => {
    const starts: number[] = []
    env = setup(Date.UTC(2026, 0, 5, 10))
    const task = env.make({ name: 'c', schedule: cron('0 * * * *', { timezone: 'UTC' }), run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(HOUR)
    expect(starts).toEqual([Date.UTC(2026, 0, 5, 10), Date.UTC(2026, 0, 5, 11)])
  })

  it('skips (and counts) slots missed while a run overran, without a burst', async () => {
    const starts: number[] = []
    let first = true
    const task = env.make({
      name: 'c',
      schedule: cron('*/10 * * * * *', { timezone: 'UTC' }),
      run: async () => {
        starts.push(env.clock.now())
        if (first) {
          first = false
          await new Promise<void>((resolve) => env.clock.setTimeout(resolve, 35_000))
        }
      },
    })
    task.start()
    await env.clock.advance(60_000)
    const base = Date.UTC(2026, 0, 5, 9, 59, 30)
    expect(starts.map((at) => (at - base) / 1000)).toEqual([0, 40, 50, 60])
    expect(task.status().skippedRuns).toBe(3)
  })

  it('follows croner through a spring-forward day (America/New_York, 2026-03-08)', async () => {
    env = setup(Date.UTC(2026, 2, 7, 12))
    const starts: string[] = []
    const task = env.make({ name: 'c', schedule: cron('30 2 * * *', { timezone: 'America/New_York' }), run: () => void starts.push(iso(env.clock.now())) })
    task.start()
    await env.clock.advance(72 * HOUR)
    // 02:30 does not exist on the 8th: it runs at 03:00 EDT, then 02:30 EDT (UTC−4) on later days.
    expect(starts).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z'])
  })

  it('runs a repeated hour once on a fall-back day (America/New_York, 2026-11-01)', async () => {
    env = setup(Date.UTC(2026, 9, 31, 12))
    const starts: string[] = []
    const task = env.make({ name: 'c', schedule: cron('30 1 * * *', { timezone: 'America/New_York' }), run: () => void starts.push(iso(env.clock.now())) })
    task.start()
    await env.clock.advance(72 * HOUR)
    // 01:30 happens twice on the 1st (EDT then EST): one run, at the first; later days at 01:30 EST (UTC−5).
    expect(starts).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z', '2026-11-03T06:30:00.000Z'])
  })

  it('keeps hourly slots hourly across Europe/Berlin’s fall-back (2026-10-25)', async () => {
    env = setup(Date.UTC(2026, 9, 24, 23, 30))
    const starts: string[] = []
    const task = env.make({ name: 'c', schedule: cron('0 * * * *', { timezone: 'Europe/Berlin' }), run: () => void starts.push(iso(env.clock.now())) })
    task.start()
    await env.clock.advance(4 * HOUR)
    expect(starts.length).toBeGreaterThanOrEqual(3)
    for (let i = 1; i < starts.length; i++) expect(Date.parse(starts[i] as string) - Date.parse(starts[i - 1] as string)).toBeGreaterThan(0)
    expect(new Set(starts).size).toBe(starts.length)
  })

  it('rejects an invalid expression or timezone with an InvalidOptionError quoting it', () => {
    expect(() => cron('61 * * * *')).toThrow(InvalidOptionError)
    expect(() => cron('61 * * * *')).toThrow(/invalid expression `"61 \* \* \* \*"` \(string\)/)
    expect(() => cron('not a cron')).toThrow(/"not a cron"/)
    expect(() => cron('0 * * * *', { timezone: 'Mars/Olympus' })).toThrow(/timezone `"Mars\/Olympus"`/)
    expect(() => cron(42 as never)).toThrow(/expression must be a non-empty string, got `42` \(number\)/)
  })
})
