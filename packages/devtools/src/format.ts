/**
 * The panel's one way to write numbers and times. Every duration on screen goes
 * through {@link formatDuration}: ms below 1 s, then s, min and h.
 */

/** `850 ms`, `1.2 s`, `3.0 min`, `2.0 h`: short durations for table cells. */
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

/** What a countdown shows while the panel's live updates are paused: the numbers are frozen, not overdue. */
export const UPDATES_PAUSED = 'updates paused'

/** A countdown: `1.2 s`, `due`, `—` when nothing is scheduled, or {@link UPDATES_PAUSED}. */
export function formatCountdown(nextRunAt: number | null, now: number, paused = false): string {
  if (nextRunAt === null) return '—'
  if (paused) return UPDATES_PAUSED
  const left = nextRunAt - now
  return left <= 0 ? 'due' : formatDuration(left)
}

/** `97 %`, or `—` before the first run. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad = (value: number, width = 2): string => String(value).padStart(width, '0')
const sameDay = (a: Date, b: Date): boolean => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()

/** `12:03:04.250` in local time. */
export function formatTime(epochMs: number): string {
  const date = new Date(epochMs)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/** `Nov 30`, or `Nov 30 2025` in another year than `now`'s. */
function formatDate(date: Date, now: Date): string {
  const day = `${MONTHS[date.getMonth()]} ${date.getDate()}`
  return date.getFullYear() === now.getFullYear() ? day : `${day} ${date.getFullYear()}`
}

/**
 * A timestamp for people: the time of day with ms when it is today (history
 * rows are often ms apart), the date and the time to the second otherwise —
 * cron and daily tasks would be ambiguous without it.
 */
export function formatTimestamp(epochMs: number, nowMs: number): string {
  const date = new Date(epochMs)
  const now = new Date(nowMs)
  if (sameDay(date, now)) return formatTime(epochMs)
  return `${formatDate(date, now)} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** A moment that is a date more than a time (`until`): always with its date. */
export function formatDateTime(epochMs: number, nowMs: number): string {
  const date = new Date(epochMs)
  return `${formatDate(date, new Date(nowMs))} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/**
 * A schedule's own description with its durations in the panel's unit format:
 * `every 2000 ms (fixed delay)` becomes `every 2.0 s (fixed delay)`.
 */
export function formatSchedule(schedule: string): string {
  return schedule.replace(/(\d+(?:\.\d+)?)\s?ms\b/g, (_, ms: string) => formatDuration(Number(ms)))
}

/** `every 1.0 s`, or the schedule's own description when there is no fixed interval. */
export function formatInterval(interval: number | null, schedule: string): string {
  return interval === null ? formatSchedule(schedule) : `every ${formatDuration(interval)}`
}

/** `1 run`, `7 runs`: a count with its noun. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`
}
