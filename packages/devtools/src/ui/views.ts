import type { ComponentType } from 'react'
import { TimelineView } from '../timeline/timeline-view.tsx'
import { ListView } from './list-view.tsx'

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

/**
 * The panel's views, in tab order. The extension point for new views: append
 * one entry here (the tab bar shows once there are two or more). Every view
 * gets the same filtered names and sits beside the same inspector.
 */
export const PANEL_VIEWS: readonly PanelView[] = [
  { id: 'list', label: 'Tasks', title: 'Every task, filtered and sorted', Component: ListView },
  { id: 'timeline', label: 'Timeline', title: 'Every run of every task over time: drift, overlaps and bursts', Component: TimelineView },
]
