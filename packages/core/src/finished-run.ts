import type { FinishedRun } from './plugin.ts'
import type { RunSummary } from './types.ts'

type ErrorInfo = NonNullable<RunSummary['error']>

/**
 * The last finished run of a task, as plain fields: one object per task,
 * overwritten by every run, so a run allocates no summary. A `RunSummary` is
 * built only when someone reads it (an event listener, `lastSummary`), and
 * kept until the next run.
 */
export class FinishedRunRecord implements FinishedRun {
  runIndex = -1
  timestamp = 0
  durationMs = 0
  lateMs = 0
  success = true
  message = ''
  trigger: RunSummary['trigger'] = 'schedule'
  extra: Record<string, string> = {}
  /** Set when the run threw or rejected (a `{ success: false }` result has none). */
  error: ErrorInfo | undefined = undefined
  #summary: RunSummary | undefined

  /** Overwrites the record with a new run (and forgets the summary built for the previous one). */
  set(runIndex: number, timestamp: number, durationMs: number, lateMs: number, success: boolean, message: string, extra: Record<string, string>, trigger: RunSummary['trigger'], error: ErrorInfo | undefined): void {
    this.runIndex = runIndex
    this.timestamp = timestamp
    this.durationMs = durationMs
    this.lateMs = lateMs
    this.success = success
    this.message = message
    this.extra = extra
    this.trigger = trigger
    this.error = error
    this.#summary = undefined
  }

  summary(): RunSummary {
    return (this.#summary ??= toSummary(this.runIndex, this.timestamp, this.durationMs, this.lateMs, this.success, this.message, this.extra, this.trigger, this.error))
  }
}

/** Builds one summary from its fields (the only place summaries are made). */
export function toSummary(runIndex: number, timestamp: number, durationMs: number, lateMs: number, success: boolean, message: string, extra: Record<string, string>, trigger: RunSummary['trigger'], error: ErrorInfo | undefined): RunSummary {
  const summary: RunSummary = { timestamp, durationMs, success, message, extra, runIndex, lateMs, trigger }
  if (error !== undefined) summary.error = error
  return summary
}
