/**
 * The trigger queue: keyed background jobs queued once a key's count or
 * staleness crosses a threshold, de-duplicated, bounded, with `drain()`.
 * Its own entry so an app with tasks only does not bundle it.
 *
 * @example
 * import { createTriggerQueue } from '@tickwork/core/queue'
 * const compile = createTriggerQueue({ name: 'compile', sizeThreshold: 10, timeout: 30_000, run: (file, { signal }) => build(file, signal) })
 * editor.on('change', (file) => compile.notify(file))
 * @module
 */
export {
  createTriggerQueue,
  type DrainOptions,
  type JobContext,
  type JobResult,
  type QueueEvent,
  type TriggerKeyState,
  type TriggerQueue,
  type TriggerQueueOptions,
} from './trigger-queue.ts'
export type { QueueStatus } from './types.ts'
