'use client'
/**
 * The devtools panel, kept in production builds too: import from
 * `@tickwork/devtools/production` to ship it (behind a flag of yours, say).
 * It exports exactly what `@tickwork/devtools` exports, so switching entries
 * is a one-line change.
 * @module
 */
export { TickworkDevtools, type TickworkDevtoolsProps } from './devtools.tsx'
export { TickworkDevtoolsPanel, type TickworkDevtoolsPanelProps } from './panel.tsx'
export type { ButtonPosition } from './props.ts'
export type { PanelPosition } from './store/ui-state.ts'
export type { DevtoolsTheme } from './ui/theme.ts'
export type { DevtoolsEnvironment } from './ui/environment.tsx'
export { connectRegistry, type ConnectOptions, type RemoteRegistrySource } from './remote/index.ts'
