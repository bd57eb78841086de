import type { TaskView } from '@tickwork/core/bridge'
import { namesToRecheck, type TasksSnapshot } from './changes.ts'
import { compareRows, filterAndSort, passes, sortValue, type ListQuery, type SortRow } from './filter-sort.ts'

/** What one task contributed to the last list: its view, whether it passed the filters, its sort value, its registration index. */
interface Entry extends SortRow {
  view: TaskView
  pass: boolean
}

/** A memoised `selectNames`: `(state, query) => names`. */
export type NamesSelector = (state: TasksSnapshot, query: ListQuery) => readonly string[]

/** Above this many moved rows in one frame, one full sort is cheaper than inserting each. */
const MAX_INSERTS = 64

const sameQuery = (a: ListQuery, b: ListQuery): boolean =>
  a === b || (a.text === b.text && a.level === b.level && a.state === b.state && a.sort === b.sort && a.descending === b.descending)

const sameNames = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * The previous sorted names with the `moved` ones taken out and put back
 * where they now belong (those that still pass): O(n + k log n) for k moved
 * rows, instead of sorting all n again. Same result as a full sort, since
 * the order is total.
 */
function reposition(previous: readonly string[], moved: readonly string[], entries: ReadonlyMap<string, Entry>, descending: boolean): string[] {
  const out = new Set(moved)
  const names = previous.filter((name) => !out.has(name))
  for (const name of moved) {
    const entry = entries.get(name)
    if (entry === undefined || !entry.pass) continue
    let low = 0
    let high = names.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (compareRows(entries.get(names[middle]!)!, entry, descending) < 0) low = middle + 1
      else high = middle
    }
    names.splice(low, 0, name)
  }
  return names
}

/**
 * Creates a selector of the names to show that does the least work per frame.
 * A frame usually changes a handful of tasks out of thousands: the selector
 * looks at those only (the store's `changed` names), and moves only the rows
 * that changed whether they are shown or where they sort (a full filter and
 * sort only when tasks come or go, the query changes, or many rows moved at
 * once). Otherwise, and whenever the result is equal, it returns the
 * previous array, so the list does not re-render.
 */
export function createNamesSelector(): NamesSelector {
  let lastTasks: Readonly<Record<string, TaskView>> | undefined
  let lastFlushes: number | undefined
  let lastOrder: readonly string[] | undefined
  let lastQuery: ListQuery | undefined
  let result: readonly string[] = []
  let entries = new Map<string, Entry>()

  const entry = (view: TaskView, index: number, query: ListQuery, text: string): Entry => ({ view, index, pass: passes(view, query, text), value: sortValue(view, query.sort) })

  return (state, query) => {
    const { tasks, order } = state
    // `tasks` is updated in place by the store: `flushes` is what says it moved.
    if (tasks === lastTasks && state.flushes === lastFlushes && order === lastOrder && query === lastQuery) return result
    const text = query.text.trim().toLowerCase()
    let resort = order !== lastOrder || lastQuery === undefined || !sameQuery(query, lastQuery)
    const moved: string[] = []
    if (resort) {
      entries = new Map()
      order.forEach((name, index) => {
        const view = tasks[name]
        if (view !== undefined) entries.set(name, entry(view, index, query, text))
      })
    } else {
      for (const name of namesToRecheck(state, lastFlushes, lastOrder)) {
        const view = tasks[name]
        const previous = entries.get(name)
        if (view === previous?.view) continue
        if (view === undefined || previous === undefined) {
          // A task the order does not agree with: only a full pass is safe.
          if (previous !== undefined) entries.delete(name)
          resort = true
          continue
        }
        const next = entry(view, previous.index, query, text)
        entries.set(name, next)
        if (next.pass !== previous.pass || (next.pass && next.value !== previous.value)) moved.push(name)
      }
    }
    lastTasks = tasks
    lastFlushes = state.flushes
    lastOrder = order
    lastQuery = query
    if (!resort && moved.length === 0) return result
    const names = resort || moved.length > MAX_INSERTS ? filterAndSort(order, entries, query.descending) : reposition(result, moved, entries, query.descending)
    if (!sameNames(names, result)) result = names
    return result
  }
}
