import type { TaskView } from '@tickwork/core/bridge'
import { namesToRecheck, type TasksSnapshot } from './changes.ts'
import { filterAndSort, passes, sortValue, type ListQuery, type SortValue } from './filter-sort.ts'

/** What one task contributed to the last list: its view, whether it passed the filters, its sort value. */
interface Entry {
  view: TaskView
  pass: boolean
  value: SortValue
}

/** A memoised `selectNames`: `(state, query) => names`. */
export type NamesSelector = (state: TasksSnapshot, query: ListQuery) => readonly string[]

const sameQuery = (a: ListQuery, b: ListQuery): boolean =>
  a === b || (a.text === b.text && a.level === b.level && a.state === b.state && a.sort === b.sort && a.descending === b.descending)

const sameNames = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * Creates a selector of the names to show that does the least work per frame.
 * A frame usually changes a handful of tasks out of thousands: the selector
 * looks at those only (the store's `changed` names), and filters
 * and sorts again only when one of them changed whether it is shown or where
 * it sorts. Otherwise, and whenever the result is equal, it returns the
 * previous array, so the list does not re-render.
 */
export function createNamesSelector(): NamesSelector {
  let lastTasks: Readonly<Record<string, TaskView>> | undefined
  let lastFlushes: number | undefined
  let lastOrder: readonly string[] | undefined
  let lastQuery: ListQuery | undefined
  let result: readonly string[] = []
  let entries = new Map<string, Entry>()

  const entry = (view: TaskView, query: ListQuery, text: string): Entry => ({ view, pass: passes(view, query, text), value: sortValue(view, query.sort) })

  return (state, query) => {
    const { tasks, order } = state
    if (tasks === lastTasks && order === lastOrder && query === lastQuery) return result
    const text = query.text.trim().toLowerCase()
    let resort = order !== lastOrder || lastQuery === undefined || !sameQuery(query, lastQuery)
    if (resort) {
      entries = new Map()
      for (const name of order) {
        const view = tasks[name]
        if (view !== undefined) entries.set(name, entry(view, query, text))
      }
    } else {
      for (const name of namesToRecheck(state, lastFlushes, lastOrder)) {
        const view = tasks[name]
        const previous = entries.get(name)
        if (view === previous?.view) continue
        if (view === undefined) {
          entries.delete(name)
          resort = true
          continue
        }
        const next = entry(view, query, text)
        entries.set(name, next)
        if (previous === undefined || next.pass !== previous.pass || (next.pass && next.value !== previous.value)) resort = true
      }
    }
    lastTasks = tasks
    lastFlushes = state.flushes
    lastOrder = order
    lastQuery = query
    if (!resort) return result
    const names = filterAndSort(order, entries, query.descending)
    if (!sameNames(names, result)) result = names
    return result
  }
}
