import { exclusivePlugin } from '../exclusive/plugin.ts'
import type { TaskPlugin } from '../types.ts'
import { postTaskPlugin } from './post-task.ts'
import { visibilityPlugin } from './visibility.ts'

let defaults: readonly TaskPlugin[] | undefined

/**
 * The plugins a `TaskRegistry` has unless told otherwise: one runner across
 * tabs or a fleet (`exclusive`), page visibility (`whenHidden`), `scheduler.postTask`
 * priorities — the features that make levels act. One shared list, so all
 * default tasks share one visibility subscription.
 */
export function defaultPlugins(): readonly TaskPlugin[] {
  defaults ??= Object.freeze([exclusivePlugin(), visibilityPlugin(), postTaskPlugin()])
  return defaults
}
