import type { LevelCounts, RegistrySummary, RunSummary, TaskStatus } from '@tickwork/core'

/**
 * Field-by-field equality of two statuses. `task.status()` builds a new
 * object on every call, so identity says nothing; the fields do.
 * `lastSummary` is compared by identity: a task keeps the same summary object
 * until its next run finishes.
 */
export function statusEqual(a: TaskStatus | null, b: TaskStatus | null): boolean {
  if (a === b) return true
  if (a === null || b === null) return false
  return (
    a.name === b.name &&
    a.level === b.level &&
    a.interval === b.interval &&
    a.state === b.state &&
    a.isRunning === b.isRunning &&
    a.isActive === b.isActive &&
    a.totalRuns === b.totalRuns &&
    a.failedRuns === b.failedRuns &&
    a.successRate === b.successRate &&
    a.skippedRuns === b.skippedRuns &&
    summaryRefEqual(a.lastSummary, b.lastSummary) &&
    a.nextRunAt === b.nextRunAt &&
    a.stopReason === b.stopReason
  )
}

function summaryRefEqual(a: RunSummary | null, b: RunSummary | null): boolean {
  return a === b || (a !== null && b !== null && a.runIndex === b.runIndex && a.timestamp === b.timestamp)
}

function countsEqual(a: LevelCounts, b: LevelCounts): boolean {
  return a.total === b.total && a.running === b.running && a.active === b.active
}

/** Equality of two registry summaries: counts, then every task's status in order. */
export function registrySummaryEqual(a: RegistrySummary, b: RegistrySummary): boolean {
  if (a === b) return true
  if (a.totalCount !== b.totalCount || a.runningCount !== b.runningCount || a.activeCount !== b.activeCount) return false
  if (
    !countsEqual(a.byLevel.critical, b.byLevel.critical) ||
    !countsEqual(a.byLevel.high, b.byLevel.high) ||
    !countsEqual(a.byLevel.medium, b.byLevel.medium) ||
    !countsEqual(a.byLevel.low, b.byLevel.low)
  ) {
    return false
  }
  if (a.tasks.length !== b.tasks.length) return false
  for (let i = 0; i < a.tasks.length; i++) {
    if (!statusEqual(a.tasks[i] ?? null, b.tasks[i] ?? null)) return false
  }
  return true
}
