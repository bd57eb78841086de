import { InvalidOptionError, isTaskRegistry } from '@tickwork/core'
import { describeValue, type RegistrySource } from '@tickwork/core/bridge'
import { PANEL_POSITIONS, type PanelPosition } from './store/ui-state.ts'
import type { DevtoolsTheme } from './ui/theme.ts'

/** Corner of the floating toggle button. */
export type ButtonPosition = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right'

/** Every {@link ButtonPosition}. */
export const BUTTON_POSITIONS: readonly ButtonPosition[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right']

const THEMES: readonly DevtoolsTheme[] = ['light', 'dark', 'system']

const fail = (message: string): never => {
  throw new InvalidOptionError(`[tickwork] devtools: ${message}`)
}

function oneOf<T>(prop: string, value: T | undefined, allowed: readonly T[]): void {
  if (value !== undefined && !allowed.includes(value)) fail(`${prop} must be one of ${allowed.map((a) => `'${String(a)}'`).join(', ')}, got ${describeValue(value)}`)
}

/** True when `value` has the methods the panel calls on a source. */
function isSource(value: unknown): value is RegistrySource {
  const candidate = value as Partial<RegistrySource> | null
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.names === 'function' &&
    typeof candidate.view === 'function' &&
    typeof candidate.subscribe === 'function' &&
    typeof candidate.control === 'function'
  )
}

/** Checks the props both components share; throws {@link InvalidOptionError} quoting the bad value. */
export function validateProps(props: { registry?: unknown; sources?: unknown; theme?: DevtoolsTheme | undefined; position?: PanelPosition | undefined; buttonPosition?: ButtonPosition | undefined }): void {
  if (props.registry !== undefined && !isTaskRegistry(props.registry)) fail(`registry must be a TaskRegistry, got ${describeValue(props.registry)}`)
  if (props.sources !== undefined) {
    if (!Array.isArray(props.sources)) fail(`sources must be an array of RegistrySource, got ${describeValue(props.sources)}`)
    ;(props.sources as unknown[]).forEach((source, index) => {
      if (!isSource(source)) fail(`sources[${index}] must be a RegistrySource (names, view, subscribe, control), got ${describeValue(source)}`)
    })
  }
  oneOf('theme', props.theme, THEMES)
  oneOf('position', props.position, PANEL_POSITIONS)
  oneOf('buttonPosition', props.buttonPosition, BUTTON_POSITIONS)
}
