import type { ReactElement } from 'react'
import type { PanelView } from './views.ts'

/** DOM id of a view's tab and of its tab panel. */
export const viewTabId = (id: string): string => `tw-view-tab-${id}`
export const viewPanelId = (id: string): string => `tw-view-${id}`

/** The tabs of the panel's views; hidden while there is only one view. Arrow keys move between tabs. */
export function ViewTabs({ views, active, onSelect }: { views: readonly PanelView[]; active: string; onSelect: (id: string) => void }): ReactElement | null {
  if (views.length < 2) return null
  const move = (tab: HTMLElement, from: number, by: number): void => {
    const index = (from + by + views.length) % views.length
    const next = views[index]
    if (next === undefined) return
    onSelect(next.id)
    tab.parentElement?.querySelectorAll<HTMLElement>('[role=tab]')[index]?.focus()
  }
  return (
    <div className="views" role="tablist" aria-label="Views">
      {views.map((view, index) => (
        <button
          key={view.id}
          id={viewTabId(view.id)}
          type="button"
          role="tab"
          aria-selected={view.id === active}
          aria-controls={viewPanelId(view.id)}
          tabIndex={view.id === active ? 0 : -1}
          className={`view-tab${view.id === active ? ' on' : ''}`}
          title={view.title}
          onClick={() => onSelect(view.id)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
              event.preventDefault()
              move(event.currentTarget, index, event.key === 'ArrowRight' ? 1 : -1)
            }
          }}
        >
          {view.label}
        </button>
      ))}
    </div>
  )
}
