import { LEVELS } from '@tickwork/core/bridge'
import type { ReactElement, ReactNode } from 'react'
import { SHOWN_STATES, SORT_KEYS, type ListQuery, type SortKey } from '../store/filter-sort.ts'
import { BulkActions } from './bulk-actions.tsx'
import { Icon } from './icons.tsx'

const SORT_LABELS: Record<SortKey, string> = {
  name: 'name',
  level: 'level',
  nextRun: 'next run',
  lastDuration: 'last duration',
  failureRate: 'failure rate',
}

/** Props of {@link Toolbar}. */
export interface ToolbarProps {
  query: ListQuery
  onQuery: (query: ListQuery) => void
  /** The names the filters let through, for the count and the bulk actions. */
  names: readonly string[]
  total: number
  /** Put before the filters: the tabs of the panel's views. */
  start?: ReactNode
}

/** View tabs, text, level and state filters, the sort, the shown count and the bulk actions. */
export function Toolbar({ query, onQuery, names, total, start }: ToolbarProps): ReactElement {
  const shown = names.length
  return (
    <div className="toolbar">
      {start}
      <div className="filters" role="search">
        <input
          className="filter"
          type="search"
          placeholder="Filter tasks…"
          aria-label="Filter tasks by name"
          value={query.text}
          onChange={(event) => onQuery({ ...query, text: event.target.value })}
        />
        <select aria-label="Filter by level" value={query.level} onChange={(event) => onQuery({ ...query, level: event.target.value as ListQuery['level'] })}>
          <option value="all">all levels</option>
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
        </select>
        <select aria-label="Filter by state" value={query.state} onChange={(event) => onQuery({ ...query, state: event.target.value as ListQuery['state'] })}>
          <option value="all">all states</option>
          {SHOWN_STATES.map((state) => (
            <option key={state} value={state}>
              {state}
            </option>
          ))}
        </select>
        <select aria-label="Sort by" value={query.sort} onChange={(event) => onQuery({ ...query, sort: event.target.value as SortKey })}>
          {SORT_KEYS.map((key) => (
            <option key={key} value={key}>
              sort: {SORT_LABELS[key]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="icon-btn"
          aria-label={query.descending ? 'Sort ascending' : 'Sort descending'}
          title={query.descending ? 'Descending (click for ascending)' : 'Ascending (click for descending)'}
          onClick={() => onQuery({ ...query, descending: !query.descending })}
        >
          <Icon name={query.descending ? 'arrowDown' : 'arrowUp'} />
        </button>
      </div>
      <span className="shown dim" title={shown === total ? `${total} tasks in this registry` : `${shown} of the ${total} tasks pass the filters`}>
        {shown === total ? `${total} tasks` : `${shown} of ${total}`}
      </span>
      <BulkActions names={names} />
    </div>
  )
}
