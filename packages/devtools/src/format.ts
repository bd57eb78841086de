/** `850 ms`, `1.2 s`, `3 min`, `2 h`: short durations for table cells. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—'
  const abs = Math.abs(ms)
  if (ms === 0) return '0 ms'
  if (abs < 1) return `${ms.toFixed(2)} ms`
  if (abs < 1000) return `${Math.round(ms)} ms`
  if (abs < 60_000) return `${(ms / 1000).toFixed(abs < 10_000 ? 1 : 0)} s`
  if (abs < 3_600_000) return `${(ms / 60_000).toFixed(abs < 600_000 ? 1 : 0)} min`
  return `${(ms / 3_600_000).toFixed(1)} h`
}

/** A countdown: `in 1.2 s`, `now`, or `—` when nothing is scheduled. */
export function formatCountdown(nextRunAt: number | null, now: number): string {
  if (nextRunAt === null) return '—'
  const left = nextRunAt - now
  return left <= 0 ? 'due' : formatDuration(left)
}

/** `97 %`, or `—` before the first run. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`
}

/** `12:03:04.250` in local time: history rows are minutes apart, not days. */
export function formatTime(epochMs: number): string {
  const date = new Date(epochMs)
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/** `every 1.0 s`, or the schedule's own description when there is no fixed interval. */
export function formatInterval(interval: number | null, schedule: string): string {
  return interval === null ? schedule : `every ${formatDuration(interval)}`
}
