import type { ReactElement, ReactNode } from 'react'
import type { FacetAction } from '../facet/facet-types.ts'
import { useSourceStore } from './source-context.tsx'

/** One facet button. */
export interface FacetButton {
  action: FacetAction
  text: string
  /** Says what it does, for the accessible name and the tooltip. */
  long: string
  enabled: boolean
}

/**
 * The controls of a queue or a cache: they go through the source like the
 * task controls (`{ type: 'facet', action, arg }`), so they work over the bridge too.
 * Read-only sources show none.
 */
export function FacetControls({ name, label, buttons, children }: { name: string; label: string; buttons: readonly FacetButton[]; children?: ReactNode }): ReactElement | null {
  const { source, control } = useSourceStore()
  if (source.controllable === false) return null
  return (
    <div className="controls facet-controls" role="toolbar" aria-label={`${label} controls of ${name}`}>
      {buttons.map((button) => (
        <button
          key={button.action}
          type="button"
          className={`btn btn-${button.action}`}
          disabled={!button.enabled}
          aria-label={`${button.long} (${name})`}
          title={button.long}
          onClick={() => control(name, { type: 'facet', action: button.action })}
        >
          {button.text}
        </button>
      ))}
      {children}
    </div>
  )
}
