import { describe, expect, it } from 'vitest'
import { formatCountdown, formatDateTime, formatDuration, formatInterval, formatSchedule, formatTimestamp, plural, UPDATES_PAUSED } from '../src/format.ts'

describe('formatDuration()', () => {
  it('uses ms below a second, then s, min and h', () => {
    expect([0.5, 0, 850, 1200, 12_000, 90_000, 900_000, 7_200_000].map(formatDuration)).toEqual(['0.50 ms', '0 ms', '850 ms', '1.2 s', '12 s', '1.5 min', '15 min', '2.0 h'])
    expect(formatDuration(null)).toBe('—')
    expect(formatDuration(Number.NaN)).toBe('—')
  })
})

describe('formatSchedule() and formatInterval()', () => {
  it("rewrites a schedule's durations in the same unit format", () => {
    expect(formatSchedule('every 2000 ms (fixed delay)')).toBe('every 2.0 s (fixed delay)')
    expect(formatSchedule('every 250ms, jitter 50 ms')).toBe('every 250 ms, jitter 50 ms')
    expect(formatSchedule('cron */5 * * * *')).toBe('cron */5 * * * *')
    expect(formatInterval(2000, 'every 2000 ms (fixed delay)')).toBe('every 2.0 s')
    expect(formatInterval(null, 'cron 0 3 * * *')).toBe('cron 0 3 * * *')
  })
})

describe('formatCountdown()', () => {
  it('counts down, says due when overdue, and says updates are paused rather than due', () => {
    expect(formatCountdown(1500, 1000)).toBe('500 ms')
    expect(formatCountdown(900, 1000)).toBe('due')
    expect(formatCountdown(900, 1000, true)).toBe(UPDATES_PAUSED)
    expect(formatCountdown(null, 1000, true)).toBe('—')
  })
})

describe('formatTimestamp()', () => {
  const now = new Date(2026, 11, 1, 18, 0, 0).getTime()
  it('shows the time with ms today and the date on other days and years', () => {
    expect(formatTimestamp(new Date(2026, 11, 1, 9, 5, 3, 42).getTime(), now)).toBe('09:05:03.042')
    expect(formatTimestamp(new Date(2026, 10, 30, 23, 59, 1).getTime(), now)).toBe('Nov 30 23:59:01')
    expect(formatTimestamp(new Date(2025, 0, 2, 3, 4, 5).getTime(), now)).toBe('Jan 2 2025 03:04:05')
    expect(formatDateTime(new Date(2026, 11, 1, 7, 30).getTime(), now)).toBe('Dec 1 07:30')
  })
})

describe('plural()', () => {
  it('puts the noun with its count', () => {
    expect([plural(1, 'run'), plural(2, 'run'), plural(0, 'shown task')]).toEqual(['1 run', '2 runs', '0 shown tasks'])
  })
})
