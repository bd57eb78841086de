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
import type { DevtoolsTheme } from './theme.ts'
import { Toolbar } from './toolbar.tsx'
import { viewPanelId, ViewTabs, viewTabId } from './view-tabs.tsx'
import { PANEL_VIEWS, type PanelView } from './views.ts'

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
  /** Stack the inspector under the list instead of beside it (when the panel is wide enough to show both). */
  stacked?: boolean
  /** The theme shown in the settings; `onTheme` is called when the user picks one. */
  theme?: DevtoolsTheme
  onTheme?: (theme: DevtoolsTheme) => void
  /** The views to show as tabs. Default {@link PANEL_VIEWS}. */
  views?: readonly PanelView[]
}

/** The task (and run) the inspector shows. */
interface Inspecting {
  name: string
  runIndex?: number
}

/**
 * Everything inside the panel. It is mounted only while the panel is open,
 * and only then listens to its sources. Below 640 px of width (a CSS
 * container query) the inspector replaces the view instead of squeezing beside it.
 */
export function PanelContent({ stores, query, onQuery, position, onPosition, onClose, autoFocus = false, stacked = false, theme = 'system', onTheme = () => {}, views = PANEL_VIEWS }: PanelContentProps): ReactElement {
  const [active, setActive] = useState(0)
  const [selected, setSelected] = useState<string | null>(null)
  const [inspecting, setInspecting] = useState<Inspecting | null>(null)
  const [viewId, setViewId] = useState(views[0]?.id ?? 'list')
  const rootRef = useRef<HTMLDivElement>(null)
  const current = stores[Math.min(active, stores.length - 1)] ?? stores[0]
  if (current === undefined) throw new Error('[tickwork] devtools: no source to show')
  const view = views.find((entry) => entry.id === viewId) ?? views[0]
  if (view === undefined) throw new Error('[tickwork] devtools: no view to show')

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
    setInspecting((open) => (open === null ? open : { name }))
  }, [])
  const onInspect = useCallback((name: string, runIndex?: number) => {
    setSelected(name)
    setInspecting(runIndex === undefined ? { name } : { name, runIndex })
  }, [])

  // Back from the inspector to the view: focus returns to where the user was.
  const closeInspector = useCallback(() => {
    setInspecting(null)
    rootRef.current?.querySelector<HTMLElement>('.view [tabindex="0"], .view [role=listbox]')?.focus()
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return
    event.preventDefault()
    if (onClose !== undefined) onClose()
    else closeInspector()
  }

  const switchSource = (index: number): void => {
    setActive(index)
    setSelected(null)
    setInspecting(null)
  }

  const View = view.Component
  return (
    <SourceProvider value={current}>
      <div ref={rootRef} className={`panel${inspecting !== null ? ' inspecting' : ''}`} role="dialog" aria-label="tickwork devtools" tabIndex={-1} onKeyDown={onKeyDown}>
        <Header position={position} onPosition={onPosition} onClose={onClose} theme={theme} onTheme={onTheme} />
        {stores.length > 1 ? <SourceTabs stores={stores} active={active} onSelect={switchSource} /> : null}
        <Toolbar query={query} onQuery={onQuery} names={names} total={total} start={<ViewTabs views={views} active={view.id} onSelect={setViewId} />} />
        <div className={`body${stacked ? ' stacked' : ''}`}>
          <div className="view" id={viewPanelId(view.id)} {...(views.length > 1 ? { role: 'tabpanel', 'aria-labelledby': viewTabId(view.id) } : {})}>
            <View names={names} selected={selected} onSelect={onSelect} onInspect={onInspect} />
          </div>
          {inspecting !== null ? <Inspector key={inspecting.name} name={inspecting.name} runIndex={inspecting.runIndex} onClose={closeInspector} /> : null}
        </div>
      </div>
    </SourceProvider>
  )
}
