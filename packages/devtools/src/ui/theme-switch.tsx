import type { ReactElement } from 'react'
import { Icon, type IconName } from './icons.tsx'
import { Segmented } from './segmented.tsx'
import type { DevtoolsTheme } from './theme.ts'

const OPTIONS: readonly { theme: DevtoolsTheme; icon: IconName; text: string }[] = [
  { theme: 'light', icon: 'sun', text: 'Light' },
  { theme: 'dark', icon: 'moon', text: 'Dark' },
  { theme: 'system', icon: 'monitor', text: 'System' },
]

const SEGMENTS = OPTIONS.map((option) => ({
  value: option.theme,
  label: `${option.text} theme`,
  content: (
    <>
      <Icon name={option.icon} />
      <span className="seg-text">{option.text}</span>
    </>
  ),
}))

/** Light, dark or the system's: three buttons, the chosen one pressed. */
export function ThemeSwitch({ theme, onTheme }: { theme: DevtoolsTheme; onTheme: (theme: DevtoolsTheme) => void }): ReactElement {
  return <Segmented label="Theme" segments={SEGMENTS} value={theme} onChange={onTheme} />
}
