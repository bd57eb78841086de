import type { TaskRegistry } from '@tickwork/core'
import type { RegistrySource } from '@tickwork/core/bridge'
import type { ReactElement } from 'react'
import { useMemo } from 'react'
import { validateProps } from './props.ts'
import { DEFAULT_QUERY } from './store/filter-sort.ts'
import { EnvironmentProvider, resolveEnvironment, type DevtoolsEnvironment } from './ui/environment.tsx'
import { PanelContent } from './ui/panel-content.tsx'
import { ShadowHost } from './ui/shadow-host.tsx'
import { useResolvedTheme, type DevtoolsTheme } from './ui/theme.ts'
import { usePersistedUi } from './ui/use-persisted-ui.ts'
import { useIsClient } from './ui/use-client.ts'
import { useSourceStores } from './ui/use-sources.ts'

/** Props of {@link TickworkDevtoolsPanel}. */
export interface TickworkDevtoolsPanelProps {
  /** The registry to show. Default: the default registry (unless only `sources` are given). */
  registry?: TaskRegistry
  /** More registries to show, e.g. one in a Web Worker (`connectRegistry(port)`); with two or more, a tab per source. */
  sources?: readonly RegistrySource[]
  /** CSP nonce for the panel's one `<style>` element. */
  styleNonce?: string
  /** Colour theme. Default `'system'`. A theme the user picks in the panel's settings is remembered and wins. */
  theme?: DevtoolsTheme
  /** Called by the close button and `Escape`; without it, the panel has no close button. */
  onClose?: () => void
  /** Frames, timers and storage, for tests. */
  environment?: DevtoolsEnvironment
}

/**
 * The devtools panel, to embed in a page of your own: it fills its parent
 * element. It renders on the client only and listens to its registries while
 * mounted.
 *
 * @example
 * <div style={{ height: 480 }}><TickworkDevtoolsPanel theme="dark" /></div>
 */
export function TickworkDevtoolsPanel(props: TickworkDevtoolsPanelProps): ReactElement | null {
  validateProps(props)
  const isClient = useIsClient()
  const env = useMemo(() => resolveEnvironment(props.environment), [props.environment])
  const stores = useSourceStores(props.registry, props.sources, env.scheduleFrame)
  const [ui, setUi] = usePersistedUi(env.storage, { open: true, size: 360, position: 'bottom', query: DEFAULT_QUERY })
  // A theme picked in the panel wins over the prop, as a saved dock position does.
  const chosenTheme = ui.theme ?? props.theme ?? 'system'
  const theme = useResolvedTheme(chosenTheme)
  if (!isClient) return null
  return (
    <EnvironmentProvider value={env}>
      <ShadowHost nonce={props.styleNonce} mode="embed" theme={theme}>
        <PanelContent
          stores={stores}
          query={ui.query}
          onQuery={(query) => setUi({ query })}
          position="bottom"
          theme={chosenTheme}
          onTheme={(picked) => setUi({ theme: picked })}
          {...(props.onClose !== undefined ? { onClose: props.onClose } : {})}
        />
      </ShadowHost>
    </EnvironmentProvider>
  )
}
