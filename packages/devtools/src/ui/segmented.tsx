import type { ReactElement, ReactNode } from 'react'

/** One button of a {@link Segmented} group. */
export interface Segment<T extends string> {
  value: T
  /** What the button shows. */
  content: ReactNode
  /** Accessible name and tooltip, when `content` is an icon or a short form. */
  label?: string
}

/** A row of buttons of which one is pressed: theme, dock position, history filter. */
export function Segmented<T extends string>({ label, segments, value, onChange }: { label: string; segments: readonly Segment<T>[]; value: T; onChange: (value: T) => void }): ReactElement {
  return (
    <div className="seg" role="group" aria-label={label}>
      {segments.map((segment) => (
        <button
          key={segment.value}
          type="button"
          className={`seg-btn${segment.value === value ? ' on' : ''}`}
          aria-pressed={segment.value === value}
          aria-label={segment.label}
          title={segment.label}
          onClick={() => onChange(segment.value)}
        >
          {segment.content}
        </button>
      ))}
    </div>
  )
}
