/**
 * Feature checks for the hosts a shutdown can hook into. Every check reads
 * globals when called, never at import, so one build runs everywhere and a
 * test can hand in look-alikes instead.
 */

/** The part of Node's and Bun's `process` that shutdown uses. */
export interface ProcessLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown
  off?(event: string, listener: (...args: unknown[]) => void): unknown
  removeListener?(event: string, listener: (...args: unknown[]) => void): unknown
  exit(code?: number): unknown
}

/** The part of the `Deno` namespace that shutdown uses. */
export interface DenoLike {
  addSignalListener(signal: string, handler: () => void): void
  removeSignalListener(signal: string, handler: () => void): void
  exit(code?: number): unknown
}

/** A page's `window` (or any event target sending `pagehide`). */
export interface WindowLike {
  addEventListener(type: string, listener: () => void): void
  removeEventListener(type: string, listener: () => void): void
}

/** Where shutdown is wired: a server process (Node, Bun), Deno, a page, or nowhere (workers, edge). */
export type ShutdownHost =
  | { kind: 'process'; process: ProcessLike }
  | { kind: 'deno'; deno: DenoLike }
  | { kind: 'window'; window: WindowLike }
  | { kind: 'none' }

const isFunction = (value: unknown): value is (...args: never[]) => unknown => typeof value === 'function'

/**
 * The host of this realm. Deno is checked first: Deno 2 also has a Node-style
 * `process`, but its own signal API is the native one.
 */
export function detectShutdownHost(global: object = globalThis): ShutdownHost {
  const g = global as { Deno?: Partial<DenoLike>; process?: Partial<ProcessLike>; document?: unknown; addEventListener?: unknown }
  const deno = g.Deno
  if (deno !== undefined && isFunction(deno.addSignalListener) && isFunction(deno.removeSignalListener) && isFunction(deno.exit)) {
    return { kind: 'deno', deno: deno as DenoLike }
  }
  const proc = g.process
  if (proc !== undefined && proc !== null && isFunction(proc.on) && isFunction(proc.exit)) return { kind: 'process', process: proc as ProcessLike }
  // A page has a document; a Web Worker has addEventListener but never gets pagehide.
  if (typeof g.document === 'object' && g.document !== null && isFunction(g.addEventListener)) {
    return { kind: 'window', window: global as WindowLike }
  }
  return { kind: 'none' }
}
