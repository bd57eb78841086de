/**
 * Graceful shutdown: one call wires SIGTERM/SIGINT (Node, Bun, Deno) or
 * `pagehide` (browsers) to stopping the tasks from low to critical, then the
 * flush hooks. Its own entry so code that never exits (a page's polling, an
 * edge tick) does not bundle it. (`shutdown.ts` is the implementation.)
 *
 * @example
 * import { installShutdown } from '@tickwork/core/shutdown'
 * installShutdown(undefined, { hooks: [() => saveState()] })
 * @module
 */
export { detectShutdownHost, type ShutdownHost } from './platform.ts'
export { installShutdown, shutdown, type HookOutcome, type ShutdownContext, type ShutdownHook, type ShutdownOptions, type ShutdownReport, type UninstallShutdown } from './shutdown.ts'
