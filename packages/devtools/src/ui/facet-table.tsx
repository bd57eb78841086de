import type { ReactElement, ReactNode } from 'react'

/** One column of a {@link FacetTable}. */
export interface FacetColumn<T> {
  head: string
  /** Right-aligned, tabular numbers. */
  num?: boolean
  cell: (row: T) => ReactNode
}

/** Props of {@link FacetTable}. */
export interface FacetTableProps<T> {
  caption: ReactNode
  /** The table's accessible name. */
  label: string
  columns: readonly FacetColumn<T>[]
  rows: readonly T[]
  rowKey: (row: T, index: number) => string
  rowClass?: (row: T) => string
  /** Shown instead of rows when there are none. */
  empty: string
  /** Spans the whole grid (the results). */
  wide?: boolean
}

/** A small table of a queue's keys: pending, running, dropped or results. */
export function FacetTable<T>({ caption, label, columns, rows, rowKey, rowClass, empty, wide = false }: FacetTableProps<T>): ReactElement {
  return (
    <div className={`facet-section${wide ? ' wide' : ''}`}>
      <table className="facet-table" aria-label={label}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.head} className={column.num === true ? 'num' : undefined}>
                {column.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)} className={rowClass?.(row)}>
              {columns.map((column) => (
                <td key={column.head} className={column.num === true ? 'num' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <div className="facet-empty dim">{empty}</div> : null}
    </div>
  )
}
