import type { ReactElement } from 'react'

/**
 * The panel's icons, as inline SVG: font glyphs (ⓘ, ◴, ✕) depend on the
 * fonts installed and render as missing-glyph boxes on some systems. All are
 * decorative (`aria-hidden`): the button around an icon carries the label.
 */

const PATHS = {
  logo: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM8 4v4l2.8 1.6',
  close: 'M4 4l8 8M12 4l-8 8',
  info: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM8 7.2V11M8 4.8v.1',
  chevronRight: 'M6 3.5 10.5 8 6 12.5',
  chevronDown: 'M3.5 6 8 10.5 12.5 6',
  chevronLeft: 'M10 3.5 5.5 8l4.5 4.5',
  back: 'M13 8H3.5M7.5 4 3.5 8l4 4',
  copy: 'M5.5 5.5V3a1 1 0 0 1 1-1H13a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1h-2.5M3 5.5h6.5a1 1 0 0 1 1 1V13a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6.5a1 1 0 0 1 1-1Z',
  sun: 'M8 5a3 3 0 1 0 0 6 3 3 0 0 0 0-6ZM8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1',
  moon: 'M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7Z',
  monitor: 'M2 3h12v8H2ZM5.5 14h5M8 11v3',
  arrowUp: 'M8 13V3M4 7l4-4 4 4',
  arrowDown: 'M8 3v10M4 9l4 4 4-4',
  gear: 'M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5ZM8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6 13 13M3 13l1.4-1.4M11.6 4.4 13 3',
  layers: 'M8 2 14 5.5 8 9 2 5.5ZM2 8.5 8 12l6-3.5M2 11 8 14.5l6-3.5',
  check: 'M3 8.5 6.5 12 13 4.5',
  download: 'M8 2v8.5M4.5 7 8 10.5 11.5 7M2.5 13.5h11',
} as const

/** The name of one icon. */
export type IconName = keyof typeof PATHS

/** One 16×16 stroked icon, in the current text colour. */
export function Icon({ name, size = 14, className }: { name: IconName; size?: number; className?: string }): ReactElement {
  return (
    <svg className={`icon${className === undefined ? '' : ` ${className}`}`} width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  )
}
