import { lazy, Suspense, type ReactNode } from 'react'
import type { Theme } from './theme.ts'

// The one place the demo touches @tickwork/devtools. Behind
// `import.meta.env.DEV` and a dynamic import, so a production build drops
// the panel entirely: no chunk, no code (the e2e tests check the output).
const Floating = import.meta.env.DEV ? lazy(() => import('@tickwork/devtools').then((m) => ({ default: m.TickworkDevtools }))) : undefined
const Embedded = import.meta.env.DEV ? lazy(() => import('@tickwork/devtools').then((m) => ({ default: m.TickworkDevtoolsPanel }))) : undefined

/** The floating devtools toggle and panel; nothing in production. */
export function FloatingDevtools(props: { theme: Theme }): ReactNode {
  if (Floating === undefined) return null
  return (
    <Suspense fallback={null}>
      <Floating theme={props.theme} buttonPosition="bottom-right" position="bottom" />
    </Suspense>
  )
}

/** The devtools panel embedded full-page; in production a note says where it went. */
export function EmbeddedDevtools(props: { theme: Theme }): ReactNode {
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
