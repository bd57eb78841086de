import type { ReactElement } from 'react'
import { TaskList } from './task-list.tsx'
import type { PanelViewProps } from './view-types.ts'

/** The task list as a panel view: a click or Enter opens the inspector. */
export function ListView({ names, selected, onSelect, onInspect }: PanelViewProps): ReactElement {
  return <TaskList names={names} selected={selected} onSelect={onSelect} onOpen={onInspect} onRowClick={onInspect} />
}
