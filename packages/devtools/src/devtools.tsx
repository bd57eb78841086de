import type { TaskRegistry } from '@tickwork/core'
import type { RegistrySource } from '@tickwork/core/bridge'
import type { PointerEvent as ReactPointerEvent, ReactElement } from 'react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { validateProps, type ButtonPosition } from './props.ts'
import { DEFAULT_QUERY } from './store/filter-sort.ts'
import { MAX_SIZE, MIN_SIZE, type PanelPosition } from './store/ui-state.ts'
import { EnvironmentProvider, resolveEnvironment, type DevtoolsEnvironment } from './ui/environment.tsx'
import { PanelContent } from './ui/panel-content.tsx'
import { ShadowHost } from './ui/shadow-host.tsx'
import { Icon } from './ui/icons.tsx'
import { useResolvedTheme, type DevtoolsTheme } from './ui/theme.ts'
import { usePersistedUi } from './ui/use-persisted-ui.ts'
import { useIsClient } from './ui/use-client.ts'
import { useSourceStores } from './ui/use-sources.ts'

/** Props of {@link TickworkDevtools}. */
export interface TickworkDevtoolsProps {
  /** Open the panel on first load. A state saved from an earlier visit wins. Default false. */
  initialIsOpen?: boolean
  /** Where the panel docks. The user can re-dock it; that choice is saved. Default `'bottom'`. */
  position?: PanelPosition
  /** Corner of the toggle button. Default `'bottom-right'`. */
  buttonPosition?: ButtonPosition
  /** The registry to show. Default: the default registry (unless only `sources` are given). */
  registry?: TaskRegistry
  /** More registries to show, e.g. one in a Web Worker (`connectRegistry(port)`); with two or more, a tab per source. */
  sources?: readonly RegistrySource[]
  /** CSP nonce for the panel's one `<style>` element. */
  styleNonce?: string
  /** Colour theme. Default `'system'`. A theme the user picks in the panel's settings is remembered and wins. */
  theme?: DevtoolsTheme
  /** Frames, timers and storage, for tests. */
  environment?: DevtoolsEnvironment
}

const isVertical = (position: PanelPosition): boolean => position === 'left' || position === 'right'

function viewportLimit(position: PanelPosition): number {
  const win = globalThis as { innerWidth?: number; innerHeight?: number }
  const extent = isVertical(position) ? win.innerWidth : win.innerHeight
  return Math.max(MIN_SIZE, Math.min(MAX_SIZE, (extent ?? MAX_SIZE) - 40))
}

/**
 * A floating toggle button and a docked panel showing every task of a
 * registry, live. Renders nothing on the server, and nothing at all in
 * production builds when imported from `@tickwork/devtools` (use
 * `@tickwork/devtools/production` to keep it).
 *
 * @example
 * <App />
 * <TickworkDevtools initialIsOpen={false} />
 */
export function TickworkDevtools(props: TickworkDevtoolsProps): ReactElement | null {
  validateProps(props)
  const isClient = useIsClient()
  const env = useMemo(() => resolveEnvironment(props.environment), [props.environment])
  const stores = useSourceStores(props.registry, props.sources, env.scheduleFrame)
  const [ui, setUi] = usePersistedUi(env.storage, {
    open: props.initialIsOpen ?? false,
    size: 360,
    position: props.position ?? 'bottom',
    query: DEFAULT_QUERY,
  })
  // A theme picked in the panel wins over the prop, as a saved dock position does.
  const chosenTheme = ui.theme ?? props.theme ?? 'system'
  const theme = useResolvedTheme(chosenTheme)
  const toggleRef = useRef<HTMLButtonElement>(null)
  const wasOpen = useRef(ui.open)
  const [dragging, setDragging] = useState(false)

  // Give focus back to the toggle when the panel closes, so keyboard users are not dropped on <body>.
  useEffect(() => {
    if (wasOpen.current && !ui.open) toggleRef.current?.focus()
    wasOpen.current = ui.open
  }, [ui.open])

  const close = useCallback(() => setUi({ open: false }), [setUi])

  const startResize = (event: ReactPointerEvent<HTMLDivElement>): void => {
    event.preventDefault()
    const position = ui.position
    const win = event.currentTarget.ownerDocument.defaultView
    if (win === null) return
    setDragging(true)
    const onMove = (move: PointerEvent): void => {
      const raw = position === 'bottom' ? win.innerHeight - move.clientY : position === 'top' ? move.clientY : position === 'left' ? move.clientX : win.innerWidth - move.clientX
      setUi({ size: Math.round(Math.max(MIN_SIZE, Math.min(viewportLimit(position), raw))) })
    }
    const onUp = (): void => {
      setDragging(false)
      win.removeEventListener('pointermove', onMove)
      win.removeEventListener('pointerup', onUp)
    }
    win.addEventListener('pointermove', onMove)
    win.addEventListener('pointerup', onUp)
  }

  if (!isClient) return null
  const size = Math.min(ui.size, viewportLimit(ui.position))
  const buttonPosition = props.buttonPosition ?? 'bottom-right'
  return (
    <EnvironmentProvider value={env}>
      <ShadowHost nonce={props.styleNonce} mode="float" theme={theme}>
        {ui.open ? (
          <div className={`dockpanel ${ui.position}`} style={isVertical(ui.position) ? { width: size } : { height: size }}>
            <div
              className={`resizer${dragging ? ' dragging' : ''}`}
              role="separator"
              aria-orientation={isVertical(ui.position) ? 'vertical' : 'horizontal'}
              aria-label="Resize tickwork devtools"
              onPointerDown={startResize}
            />
            <PanelContent
              stores={stores}
              query={ui.query}
              onQuery={(query) => setUi({ query })}
              position={ui.position}
              onPosition={(position) => setUi({ position })}
              onClose={close}
              autoFocus
              stacked={isVertical(ui.position)}
              theme={chosenTheme}
              onTheme={(picked) => setUi({ theme: picked })}
            />
          </div>
        ) : (
          <button ref={toggleRef} type="button" className={`toggle ${buttonPosition}`} aria-label="Open tickwork devtools" aria-expanded={false} onClick={() => setUi({ open: true })}>
            <Icon name="logo" size={16} className="logo" />
            tickwork
          </button>
        )}
      </ShadowHost>
    </EnvironmentProvider>
  )
}
