'use client'
/**
 * `@tickwork/devtools`: a live panel of every tickwork task.
 *
 * In production builds both components render nothing, and because the
 * choice below is a constant there, the bundler leaves the panel's code out
 * (`@tickwork/devtools/production` keeps it).
 *
 * @example
 * import { TickworkDevtools } from '@tickwork/devtools'
 * <TickworkDevtools initialIsOpen={false} />
 * @module
 */
import type { ReactElement } from 'react'
import * as devtools from './devtools.tsx'
import * as panel from './panel.tsx'

export type { TickworkDevtoolsProps } from './devtools.tsx'
export type { TickworkDevtoolsPanelProps } from './panel.tsx'
export type { ButtonPosition } from './props.ts'
export type { PanelPosition } from './store/ui-state.ts'
export type { DevtoolsTheme } from './ui/theme.ts'
export type { DevtoolsEnvironment } from './ui/environment.tsx'

const renderNothing = (): ReactElement | null => null

/*
 * Written inline, unguarded, exactly as bundlers replace it (Vite, esbuild,
 * webpack, Rollup define `process.env.NODE_ENV`), so a production build folds
 * it to `true` and drops the panel's modules; React itself reads the same
 * expression, so every environment that runs React defines it.
 */

/**
 * A floating toggle button and a docked panel showing every task of a
 * registry, live: counts, a filterable virtualised list, an inspector with
 * history and controls. Renders nothing on the server and in production.
 */
export const TickworkDevtools: typeof devtools.TickworkDevtools =
  // @ts-ignore -- `process` is not declared in browser builds; bundlers replace the whole expression.
  process.env.NODE_ENV === 'production' ? renderNothing : devtools.TickworkDevtools

/** The panel alone, to embed in a page of your own; it fills its parent. Renders nothing in production. */
export const TickworkDevtoolsPanel: typeof panel.TickworkDevtoolsPanel =
  // @ts-ignore -- see above
  process.env.NODE_ENV === 'production' ? renderNothing : panel.TickworkDevtoolsPanel
export { connectRegistry, type ConnectOptions, type RemoteRegistrySource } from './remote/index.ts'
