/**
 * `@tickwork/devtools/store`: the panel's data layer without React. A
 * zustand store per registry source that coalesces live events into at most
 * one update per animation frame, and a hand-driven frame scheduler for
 * tests and custom renderers.
 *
 * @example
 * import { createSourceStore, manualFrames } from '@tickwork/devtools/store'
 * const frames = manualFrames()
 * const { store, connect } = createSourceStore(localSource(registry), { scheduleFrame: frames.schedule })
 * @module
 */
export { createSourceStore, type SourceState, type SourceStore, type SourceStoreOptions } from './store/source-store.ts'
export { manualFrames, type FrameScheduler } from './store/frame.ts'
