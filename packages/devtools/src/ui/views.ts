import { TimelineView } from '../timeline/timeline-view.tsx'
import { ListView } from './list-view.tsx'
import type { PanelView } from './view-types.ts'

export type { PanelView, PanelViewProps } from './view-types.ts'

/**
 * The panel's views, in tab order. The extension point for new views: append
 * one entry here (the tab bar shows once there are two or more). Every view
 * gets the same filtered names and sits beside the same inspector.
 */
export const PANEL_VIEWS: readonly PanelView[] = [
  { id: 'list', label: 'Tasks', title: 'Every task, filtered and sorted', Component: ListView },
  { id: 'timeline', label: 'Timeline', title: 'Every run of every task over time: drift, overlaps and bursts', Component: TimelineView },
]
