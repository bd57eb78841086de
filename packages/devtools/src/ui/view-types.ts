import type { ComponentType } from 'react'

/**
 * What the panel hands every view. The view reads its source through
 * `useSourceStore()` / `useSourceState()` (src/ui/source-context.tsx), like the list.
 */
export interface PanelViewProps {
  /** Task names that pass the toolbar's filters, in the chosen sort. */
  names: readonly string[]
  /** The selected task, or null. */
  selected: string | null
  /** Selects a task; the inspector, when open, follows it. */
  onSelect: (name: string) => void
  /** Selects a task and opens it in the inspector, at one run when `runIndex` is given. */
  onInspect: (name: string, runIndex?: number) => void
}

/** One tab of the panel: the list, the timeline, queues, caches. */
export interface PanelView {
  /** Stable id: keys the tab and its panel's DOM ids. */
  id: string
  /** The tab's text. */
  label: string
  /** The tab's tooltip. */
  title?: string
  Component: ComponentType<PanelViewProps>
}
