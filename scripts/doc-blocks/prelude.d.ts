// What the documentation's examples take for granted: the app's own
// functions (declared, never implemented), the test runner's globals, and
// the few Deno, Bun and Workers APIs the runtime pages use. Nothing of
// tickwork is declared here: the examples import it, so the check sees the
// real API.

// The app's own work, called by the examples.
declare function syncInbox(signal?: AbortSignal): Promise<void>
declare function sync(signal?: AbortSignal): Promise<void>
declare function sendDigest(): Promise<void>
declare function poll(): void
declare function flushMetrics(): Promise<void>
declare function reportMetrics(): void
declare function loadPrices(): Promise<Record<string, number>>
declare function drain(signal: AbortSignal): Promise<void>
declare function YourApp(): import('react').ReactNode
/** A message port of the app's (a Worker, a MessagePort, a BroadcastChannel). */
declare const port: MessagePort

// Vitest's globals, as in a test file.
declare const it: typeof import('vitest')['it']
declare const expect: typeof import('vitest')['expect']

// Deno, as far as the examples use it.
declare namespace Deno {
  function openKv(path?: string): Promise<import('@tickwork/core/deno').DenoKvLike>
  function serve(handler: (request: Request) => Response | Promise<Response>): unknown
  function writeTextFile(path: string, data: string): Promise<void>
  const env: { get(name: string): string | undefined }
}

// Bun, as far as the examples use it.
declare namespace Bun {
  function serve(options: { port: number; fetch(request: Request): Response | Promise<Response> }): { stop(): void }
}

// The one Workers runtime module the examples import.
declare module 'cloudflare:workers' {
  export abstract class DurableObject<Env = unknown> {
    protected ctx: { storage: import('@tickwork/core/cloudflare').AlarmStorageLike }
    protected env: Env
    constructor(ctx: unknown, env: Env)
  }
}

// Deno's npm: specifier for the same package.
declare module 'npm:@tickwork/core' {
  export * from '@tickwork/core'
}
declare module 'npm:@tickwork/core/shutdown' {
  export * from '@tickwork/core/shutdown'
}
