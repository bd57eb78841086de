import type { TaskLevel } from '@tickwork/core'
import { LEVELS, type TaskView } from '@tickwork/core/bridge'
import { namesToRecheck, type TasksSnapshot } from './changes.ts'
import { SHOWN_STATES, shownState, type ShownState } from './filter-sort.ts'

/** What the header counts. */
export interface Counts {
  total: number
  /** Live loops: scheduled, running or paused. */
  running: number
  /** Live and not stalled. */
  active: number
  /** Tasks whose last run failed (what a source tab flags), kept without walking every task. */
  failing: number
  byState: Record<ShownState, number>
  byLevel: Record<TaskLevel, number>
}

const lastFailed = (view: TaskView): boolean => view.status.lastSummary?.success === false

/** Counts tasks by state and level. */
export function countTasks(tasks: Readonly<Record<string, TaskView>>): Counts {
  const byState = Object.fromEntries(SHOWN_STATES.map((state) => [state, 0])) as Record<ShownState, number>
  const byLevel = Object.fromEntries(LEVELS.map((level) => [level, 0])) as Record<TaskLevel, number>
  const counts: Counts = { total: 0, running: 0, active: 0, failing: 0, byState, byLevel }
  for (const view of Object.values(tasks)) add(counts, view, 1)
  return counts
}

/** True when two counts are equal in every number. */
export function sameCounts(a: Counts, b: Counts): boolean {
  if (a.total !== b.total || a.running !== b.running || a.active !== b.active || a.failing !== b.failing) return false
  for (const key of Object.keys(a.byState) as (keyof Counts['byState'])[]) if (a.byState[key] !== b.byState[key]) return false
  for (const key of Object.keys(a.byLevel) as (keyof Counts['byLevel'])[]) if (a.byLevel[key] !== b.byLevel[key]) return false
  return true
}

function add(counts: Counts, view: TaskView, sign: 1 | -1): void {
  counts.total += sign
  if (view.status.isRunning) counts.running += sign
  if (view.status.isActive) counts.active += sign
  if (lastFailed(view)) counts.failing += sign
  counts.byState[shownState(view)] += sign
  counts.byLevel[view.status.level] += sign
}

const sameContribution = (a: TaskView, b: TaskView): boolean =>
  a.status.isRunning === b.status.isRunning &&
  a.status.isActive === b.status.isActive &&
  a.status.level === b.status.level &&
  lastFailed(a) === lastFailed(b) &&
  shownState(a) === shownState(b)

/**
 * Creates a memoised {@link countTasks} over the store's state: after the
 * first count it adjusts the numbers by the tasks the last flush changed, instead of counting thousands every frame, and
 * returns the previous object while no number moved.
 */
export function createCountsSelector(): (state: TasksSnapshot) => Counts {
  let lastTasks: Readonly<Record<string, TaskView>> | undefined
  let lastFlushes: number | undefined
  let lastOrder: readonly string[] | undefined
  let counts: Counts | undefined
  let seen = new Map<string, TaskView>()
  return (state) => {
    const { tasks, order } = state
    // `tasks` is updated in place by the store: `flushes` is what says it moved.
    if (counts !== undefined && tasks === lastTasks && state.flushes === lastFlushes && order === lastOrder) return counts
    if (counts === undefined || order !== lastOrder) {
      // Tasks came or went: count from scratch (rare, and the order array changes only then).
      const next = countTasks(tasks)
      seen = new Map(Object.entries(tasks))
      if (counts === undefined || !sameCounts(counts, next)) counts = next
    } else {
      let next: Counts | undefined
      for (const name of namesToRecheck(state, lastFlushes, lastOrder)) {
        const view = tasks[name]
        const previous = seen.get(name)
        if (view === previous) continue
        if (view !== undefined && previous !== undefined && sameContribution(view, previous)) {
          seen.set(name, view)
          continue
        }
        next ??= { ...counts, byState: { ...counts.byState }, byLevel: { ...counts.byLevel } }
        if (previous !== undefined) add(next, previous, -1)
        if (view === undefined) seen.delete(name)
        else {
          add(next, view, 1)
          seen.set(name, view)
        }
      }
      if (next !== undefined && !sameCounts(counts, next)) counts = next
    }
    lastTasks = tasks
    lastFlushes = state.flushes
    lastOrder = order
    return counts
  }
}
