import { LEVELS, type TaskLevel, type TaskView } from '@tickwork/core'
import { SHOWN_STATES, shownState, type ShownState } from './filter-sort.ts'

/** What the header counts. */
export interface Counts {
  total: number
  /** Live loops: scheduled, running or paused. */
  running: number
  /** Live and not stalled. */
  active: number
  byState: Record<ShownState, number>
  byLevel: Record<TaskLevel, number>
}

/** Counts tasks by state and level. */
export function countTasks(tasks: Readonly<Record<string, TaskView>>): Counts {
  const byState = Object.fromEntries(SHOWN_STATES.map((state) => [state, 0])) as Record<ShownState, number>
  const byLevel = Object.fromEntries(LEVELS.map((level) => [level, 0])) as Record<TaskLevel, number>
  const counts: Counts = { total: 0, running: 0, active: 0, byState, byLevel }
  for (const view of Object.values(tasks)) {
    counts.total++
    if (view.status.isRunning) counts.running++
    if (view.status.isActive) counts.active++
    byState[shownState(view)]++
    byLevel[view.status.level]++
  }
  return counts
}

/** True when two counts are equal in every number. */
export function sameCounts(a: Counts, b: Counts): boolean {
  if (a.total !== b.total || a.running !== b.running || a.active !== b.active) return false
  for (const key of Object.keys(a.byState) as (keyof Counts['byState'])[]) if (a.byState[key] !== b.byState[key]) return false
  for (const key of Object.keys(a.byLevel) as (keyof Counts['byLevel'])[]) if (a.byLevel[key] !== b.byLevel[key]) return false
  return true
}
