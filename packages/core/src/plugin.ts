/**
 * The plugin seam (its types live in `types.ts`, with the other public types):
 * see {@link TaskPlugin}.
 * @module
 */
export type { Admission, FinishedRun, PluginHost, PluginSession, PluginStatus, RunnerStatus, TaskPlugin } from './types.ts'
