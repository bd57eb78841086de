import type { TaskAction, TaskView } from '@tickwork/core/bridge'
import type { ReactElement } from 'react'
import { downloadHistory } from '../export-history.ts'
import { Icon } from './icons.tsx'
import { useSourceStore } from './source-context.tsx'

interface Button {
  action: TaskAction
  text: string
  /** The accessible name and tooltip, when the text is a short form. */
  long?: string
  enabled: boolean
}

/** The buttons of the inspector. Sources that cannot be controlled get only the export. */
export function Controls({ view }: { view: TaskView }): ReactElement {
  const { source, control } = useSourceStore()
  const { status } = view
  const name = status.name
  const paused = status.state === 'paused'
  const loop: Button[] = [
    { action: 'start', text: 'Start', enabled: !status.isRunning },
    { action: 'stop', text: 'Stop', enabled: status.isRunning },
    paused ? { action: 'resume', text: 'Resume', enabled: true } : { action: 'pause', text: 'Pause', enabled: status.isRunning },
    { action: 'trigger', text: 'Run now', enabled: status.state !== 'running' },
  ]
  // A queue's worker is driven through the queue (drain, stop, notify): its loop's controls mean nothing there.
  const buttons: Button[] = [...(view.facet?.kind === 'queue' ? [] : loop), { action: 'clearHistory', text: 'Clear', long: 'Clear history', enabled: view.history.length > 0 }]
  const exportedAt = (): number => source.now?.() ?? Date.now()
  return (
    <div className="controls" role="toolbar" aria-label={`Controls of ${name}`}>
      {source.controllable === false ? (
        <span className="dim">read-only source</span>
      ) : (
        buttons.map((button) => (
          <button
            key={button.action}
            type="button"
            className={`btn btn-${button.action}`}
            disabled={!button.enabled}
            aria-label={`${button.long ?? button.text} ${name}`}
            title={button.long}
            onClick={() => control(name, button.action)}
          >
            {button.text}
          </button>
        ))
      )}
      <button type="button" className="btn btn-export" aria-label={`Export history of ${name} as JSON`} title="Export JSON: the task's configuration, status and runs" onClick={() => downloadHistory(view, exportedAt())}>
        <Icon name="download" />
        <span className="btn-text">Export</span>
      </button>
    </div>
  )
}
