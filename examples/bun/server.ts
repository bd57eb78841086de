/**
 * A Bun HTTP server with a background task: it refreshes a price list every
 * 500 ms, serves it and the registry's summary, and shuts down cleanly on
 * SIGTERM/SIGINT (tasks stopped, server closed, exit 0).
 *
 * Run: node examples/build.mjs bun && bun artifacts/examples/bun.js   (PORT=0 picks a free port)
 */
import { createTask, getDefaultRegistry } from '@tickwork/core'
import { installShutdown } from '@tickwork/core/shutdown'

// The few Bun APIs used here, typed locally so the example needs no @types/bun.
declare const Bun: {
  serve(options: { port: number; hostname?: string; fetch(request: Request): Response | Promise<Response> }): { port: number; stop(force?: boolean): void | Promise<void> }
  env: Record<string, string | undefined>
}

let prices: { updatedAt: string; btc: number } | null = null
let version = 0

createTask({
  name: 'refresh-prices',
  level: 'high',
  interval: 500,
  run: () => {
    version++
    prices = { updatedAt: new Date().toISOString(), btc: 60_000 + version }
    return `version ${version}`
  },
})

const server = Bun.serve({
  port: Number(Bun.env['PORT'] ?? 3000),
  hostname: '127.0.0.1',
  fetch(request) {
    const { pathname } = new URL(request.url)
    if (pathname === '/prices') return Response.json({ prices, version })
    if (pathname === '/status') return Response.json(getDefaultRegistry().summary())
    return new Response('not found', { status: 404 })
  },
})

getDefaultRegistry().startAll()
installShutdown(undefined, { hooks: [() => server.stop()] })
console.log(`listening on http://127.0.0.1:${server.port}`)
