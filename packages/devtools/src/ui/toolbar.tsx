import { LEVELS } from '@tickwork/core/bridge'
import type { ReactElement } from 'react'
import { SHOWN_STATES, SORT_KEYS, type ListQuery, type SortKey } from '../store/filter-sort.ts'

const SORT_LABELS: Record<SortKey, string> = {
  name: 'name',
  level: 'level',
  nextRun: 'next run',
  lastDuration: 'last duration',
  failureRate: 'failure rate',
}

/** Text, level and state filters and the sort of the task list. */
export function Toolbar({ query, onQuery, shown, total }: { query: ListQuery; onQuery: (query: ListQuery) => void; shown: number; total: number }): ReactElement {
  return (
    <div className="toolbar" role="search">
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
        onClick={() => onQuery({ ...query, descending: !query.descending })}
      >
        {query.descending ? '↓' : '↑'}
      </button>
      <span className="shown dim">
        {shown === total ? `${total}` : `${shown} of ${total}`}
      </span>
    </div>
  )
}
