import type { TaskAction, TaskView } from '@tickwork/core/bridge'
import type { ReactElement } from 'react'
import { downloadHistory } from '../export-history.ts'
import { useSourceStore } from './source-context.tsx'

interface Button {
  action: TaskAction
  text: string
  enabled: boolean
}

/** The buttons of the inspector. Sources that cannot be controlled get only the export. */
export function Controls({ view }: { view: TaskView }): ReactElement {
  const { source, control } = useSourceStore()
  const { status } = view
  const name = status.name
  const paused = status.state === 'paused'
  const buttons: Button[] = [
    { action: 'start', text: 'Start', enabled: !status.isRunning },
    { action: 'stop', text: 'Stop', enabled: status.isRunning },
    paused ? { action: 'resume', text: 'Resume', enabled: true } : { action: 'pause', text: 'Pause', enabled: status.isRunning },
    { action: 'trigger', text: 'Run now', enabled: status.state !== 'running' },
    { action: 'clearHistory', text: 'Clear history', enabled: view.history.length > 0 },
  ]
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
            aria-label={`${button.text} ${name}`}
            onClick={() => control(name, button.action)}
          >
            {button.text}
          </button>
        ))
      )}
      <button type="button" className="btn btn-export" aria-label={`Export history of ${name} as JSON`} onClick={() => downloadHistory(view, exportedAt())}>
        Export JSON
      </button>
    </div>
  )
}
