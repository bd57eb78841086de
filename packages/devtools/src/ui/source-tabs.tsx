import type { ReactElement } from 'react'
import { useStore } from 'zustand'
import type { SourceStore } from '../store/source-store.ts'

function Tab({ entry, index, active, onSelect }: { entry: SourceStore; index: number; active: boolean; onSelect: (index: number) => void }): ReactElement {
  const total = useStore(entry.store, (state) => state.order.length)
  const failed = useStore(entry.store, (state) => Object.values(state.tasks).filter((view) => view.status.lastSummary?.success === false).length)
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      className={`tab${active ? ' on' : ''}`}
      onClick={() => onSelect(index)}
      title={entry.source.controllable === false ? `${entry.source.label} (read-only)` : entry.source.label}
    >
      {entry.source.label}
      <span className="tab-count" title={`${total} tasks`} aria-label={`${total} tasks`}>
        {total}
      </span>
      {failed > 0 ? (
        <span className="tab-count fail" title={`${failed} tasks whose last run failed`} aria-label={`${failed} tasks whose last run failed`}>
          {failed}
        </span>
      ) : null}
      {entry.source.controllable === false ? <span className="tab-ro">read-only</span> : null}
    </button>
  )
}

/** One tab per source, each with its own task count (and failing count). */
export function SourceTabs({ stores, active, onSelect }: { stores: readonly SourceStore[]; active: number; onSelect: (index: number) => void }): ReactElement {
  return (
    <div className="tabs" role="tablist" aria-label="Registries">
      {stores.map((entry, index) => (
        <Tab key={index} entry={entry} index={index} active={index === active} onSelect={onSelect} />
      ))}
    </div>
  )
}
