/**
 * The devtools panel, kept in production builds too: import from
 * `@tickwork/devtools/production` to ship it (behind a flag of yours, say).
 * @module
 */
export { TickworkDevtools, type TickworkDevtoolsProps } from './devtools.tsx'
export { TickworkDevtoolsPanel, type TickworkDevtoolsPanelProps } from './panel.tsx'
export { BUTTON_POSITIONS, type ButtonPosition } from './props.ts'
export type { PanelPosition } from './store/ui-state.ts'
export type { DevtoolsTheme } from './ui/theme.ts'
export type { DevtoolsEnvironment } from './ui/environment.tsx'
export { createSourceStore, type SourceState, type SourceStore, type SourceStoreOptions } from './store/source-store.ts'
export { manualFrames, type FrameScheduler } from './store/frame.ts'
