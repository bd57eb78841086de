import { lazy, Suspense, type ComponentType, type ReactNode } from 'react'
import { getDefaultRegistry } from '@tickwork/core'
import type { Theme } from './theme.ts'

interface PanelProps {
  theme: Theme
}

/**
 * Loads the panel and the demo's Web Worker together, and binds both
 * registries: this page's (the default one) and the worker's, over the bridge.
 */
async function loadPanel(kind: 'floating' | 'embedded'): Promise<{ default: ComponentType<PanelProps> }> {
  const [devtools, worker] = await Promise.all([import('@tickwork/devtools'), import('./worker/connect-worker.ts')])
  const registry = getDefaultRegistry()
  const sources = worker.demoWorkerSources()
  if (kind === 'floating') {
    const { TickworkDevtools } = devtools
    return { default: ({ theme }) => <TickworkDevtools theme={theme} registry={registry} sources={sources} buttonPosition="bottom-right" position="bottom" /> }
  }
  const { TickworkDevtoolsPanel } = devtools
  return { default: ({ theme }) => <TickworkDevtoolsPanel theme={theme} registry={registry} sources={sources} /> }
}

// The one place the demo touches @tickwork/devtools. Behind
// `import.meta.env.DEV` and a dynamic import, so a production build drops
// the panel entirely: no chunk, no code (the e2e tests check the output).
const Floating = import.meta.env.DEV ? lazy(() => loadPanel('floating')) : undefined
const Embedded = import.meta.env.DEV ? lazy(() => loadPanel('embedded')) : undefined

/** The floating devtools toggle and panel; nothing in production. */
export function FloatingDevtools(props: PanelProps): ReactNode {
  if (Floating === undefined) return null
  return (
    <Suspense fallback={null}>
      <Floating theme={props.theme} />
    </Suspense>
  )
}

/** The devtools panel embedded full-page; in production a note says where it went. */
export function EmbeddedDevtools(props: PanelProps): ReactNode {
  if (Embedded === undefined) {
    return (
      <div className="panel-missing" data-testid="panel-missing">
        <h2>The devtools panel is development-only</h2>
        <p>
          This is a production build: <code>@tickwork/devtools</code> renders nothing here and the bundle holds none of its code. Run <code>pnpm dev</code> to see it,
          or import <code>@tickwork/devtools/production</code> to ship it.
        </p>
      </div>
    )
  }
  return (
    <Suspense fallback={<p className="muted">loading the panel…</p>}>
      <Embedded theme={props.theme} />
    </Suspense>
  )
}
