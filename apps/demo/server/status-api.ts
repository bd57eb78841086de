import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Connect, Plugin } from 'vite'

/** Options of {@link statusApi}. */
export interface StatusApiOptions {
  /** Share of `/api/status` answers that fail with HTTP 503, in [0, 1]. Default 0.2. */
  failureRate?: number
  /** Longest answer delay in ms; each answer waits a random time up to it. Default 1500. */
  maxDelayMs?: number
}

const startedAt = Date.now()

function json(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status
  res.setHeader('content-type', 'application/json')
  res.setHeader('cache-control', 'no-store')
  res.end(JSON.stringify(body))
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
      // The demo only ever posts small batches; refuse anything that is not.
      if (body.length > 100_000) req.destroy(new Error('body too large'))
    })
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

/**
 * The demo's backend, as middleware on the Vite dev server and on `vite preview`:
 * - `GET /api/status` answers after a random delay and fails now and then,
 *   so the poller's per-run timeout and failure handling are visible;
 * - `POST /api/metrics` accepts a batch of click events and counts them.
 */
export function statusApi(options: StatusApiOptions = {}): Plugin {
  const failureRate = options.failureRate ?? Number(process.env['TICKWORK_DEMO_FAILURE_RATE'] ?? 0.2)
  const maxDelayMs = options.maxDelayMs ?? Number(process.env['TICKWORK_DEMO_MAX_DELAY_MS'] ?? 1500)
  let requests = 0
  let metricsReceived = 0

  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const url = req.url ?? ''
    if (url.startsWith('/api/status') && req.method === 'GET') {
      const id = ++requests
      const delay = Math.round(Math.random() * maxDelayMs)
      const timer = setTimeout(() => {
        if (Math.random() < failureRate) json(res, 503, { error: 'upstream busy, try again', request: id })
        else json(res, 200, { ok: true, request: id, uptimeMs: Date.now() - startedAt, load: Math.round(Math.random() * 100), delayMs: delay })
      }, delay)
      // The client aborts on its timeout: do not answer into a closed socket.
      req.on('close', () => {
        if (!res.writableEnded) clearTimeout(timer)
      })
      return
    }
    if (url.startsWith('/api/metrics') && req.method === 'POST') {
      readBody(req).then(
        (body) => {
          let events: unknown
          try {
            events = JSON.parse(body)
          } catch {
            json(res, 400, { error: `expected a JSON array of events, got ${JSON.stringify(body.slice(0, 40))}` })
            return
          }
          if (!Array.isArray(events)) {
            json(res, 400, { error: `expected a JSON array of events, got ${typeof events}` })
            return
          }
          metricsReceived += events.length
          json(res, 200, { accepted: events.length, total: metricsReceived })
        },
        () => json(res, 400, { error: 'could not read the body' }),
      )
      return
    }
    next()
  }

  return {
    name: 'tickwork-demo-api',
    configureServer(server) {
      server.middlewares.use(middleware)
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware)
    },
  }
}
