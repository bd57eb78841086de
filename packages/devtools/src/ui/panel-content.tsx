import type { KeyboardEvent, ReactElement } from 'react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useStore } from 'zustand'
import type { ListQuery } from '../store/filter-sort.ts'
import { createNamesSelector } from '../store/names-selector.ts'
import type { SourceStore } from '../store/source-store.ts'
import type { PanelPosition } from '../store/ui-state.ts'
import { Header } from './header.tsx'
import { Inspector } from './inspector.tsx'
import { SourceProvider } from './source-context.tsx'
import { SourceTabs } from './source-tabs.tsx'
import { TaskList } from './task-list.tsx'
import { Toolbar } from './toolbar.tsx'

/** Props of {@link PanelContent}. */
export interface PanelContentProps {
  stores: readonly SourceStore[]
  query: ListQuery
  onQuery: (query: ListQuery) => void
  position: PanelPosition
  onPosition?: (position: PanelPosition) => void
  onClose?: () => void
  /** Move focus into the panel when it mounts (the floating panel does; an embedded one does not steal focus). */
  autoFocus?: boolean
  /** Stack the inspector under the list instead of beside it. */
  stacked?: boolean
}

/**
 * Everything inside the panel. It is mounted only while the panel is open,
 * and only then listens to its sources.
 */
export function PanelContent({ stores, query, onQuery, position, onPosition, onClose, autoFocus = false, stacked = false }: PanelContentProps): ReactElement {
  const [active, setActive] = useState(0)
  const [selected, setSelected] = useState<string | null>(null)
  const [inspecting, setInspecting] = useState<string | null>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const current = stores[Math.min(active, stores.length - 1)] ?? stores[0]
  if (current === undefined) throw new Error('[tickwork] devtools: no source to show')

  useEffect(() => {
    const disconnects = stores.map((entry) => entry.connect())
    return () => {
      for (const disconnect of disconnects) disconnect()
    }
  }, [stores])

  useEffect(() => {
    if (autoFocus) rootRef.current?.focus()
  }, [autoFocus])

  // One memo per source: it re-filters and re-sorts only when a change can move a row, and keeps the array otherwise.
  const selectNames = useMemo(() => createNamesSelector(), [current])
  const names = useStore(current.store, (state) => selectNames(state, query))
  const total = useStore(current.store, (state) => state.order.length)

  const onSelect = useCallback((name: string) => {
    setSelected(name)
    setInspecting((open) => (open === null ? open : name))
  }, [])
  const onRowClick = useCallback((name: string) => {
    setSelected(name)
    setInspecting(name)
  }, [])
  const onOpen = useCallback((name: string) => setInspecting(name), [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return
    event.preventDefault()
    if (onClose !== undefined) onClose()
    else setInspecting(null)
  }

  const switchSource = (index: number): void => {
    setActive(index)
    setSelected(null)
    setInspecting(null)
  }

  return (
    <SourceProvider value={current}>
      <div ref={rootRef} className="panel" role="dialog" aria-label="tickwork devtools" tabIndex={-1} onKeyDown={onKeyDown}>
        <Header position={position} onPosition={onPosition} onClose={onClose} />
        {stores.length > 1 ? <SourceTabs stores={stores} active={active} onSelect={switchSource} /> : null}
        <Toolbar query={query} onQuery={onQuery} shown={names.length} total={total} />
        <div className={`body${stacked ? ' stacked' : ''}`}>
          <TaskList names={names} selected={selected} onSelect={onSelect} onOpen={onOpen} onRowClick={onRowClick} />
          {inspecting !== null ? <Inspector key={inspecting} name={inspecting} onClose={() => setInspecting(null)} /> : null}
        </div>
      </div>
    </SourceProvider>
  )
}
