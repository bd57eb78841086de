import { EventEmitter } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import type { Connect, Plugin } from 'vite'
import { statusApi } from '../server/status-api.ts'

interface Answer {
  status: number
  body: unknown
}

/** Runs the plugin's middleware on a fake request; resolves with the answer, or 'next'. */
function call(plugin: Plugin, method: string, url: string, body?: string): Promise<Answer | 'next'> {
  let middleware: Connect.NextHandleFunction | undefined
  const server = { middlewares: { use: (fn: Connect.NextHandleFunction) => void (middleware = fn) } }
  ;(plugin.configureServer as (server: unknown) => void)(server)
  return new Promise((resolve) => {
    const req = Object.assign(new EventEmitter(), { method, url, setEncoding: () => {}, destroy: () => {} }) as unknown as IncomingMessage
    const headers: Record<string, string> = {}
    const res = {
      statusCode: 200,
      writableEnded: false,
      setHeader: (key: string, value: string) => void (headers[key] = value),
      end(text: string) {
        res.writableEnded = true
        resolve({ status: res.statusCode, body: JSON.parse(text) })
      },
    }
    ;(middleware as Connect.NextHandleFunction)(req, res as unknown as ServerResponse, () => resolve('next'))
    if (body !== undefined) {
      req.emit('data', body)
      req.emit('end')
    }
  })
}

describe('statusApi()', () => {
  it('answers GET /api/status with a load figure when it does not fail', async () => {
    const answer = await call(statusApi({ failureRate: 0, maxDelayMs: 0 }), 'GET', '/api/status')
    expect(answer).toMatchObject({ status: 200, body: { ok: true, request: 1 } })
  })

  it('fails with 503 at the failure rate', async () => {
    const answer = await call(statusApi({ failureRate: 1, maxDelayMs: 0 }), 'GET', '/api/status')
    expect(answer).toMatchObject({ status: 503, body: { error: 'upstream busy, try again' } })
  })

  it('counts the events of POST /api/metrics batches', async () => {
    const plugin = statusApi()
    expect(await call(plugin, 'POST', '/api/metrics', JSON.stringify([{ kind: 'like' }, { kind: 'save' }]))).toEqual({ status: 200, body: { accepted: 2, total: 2 } })
    expect(await call(plugin, 'POST', '/api/metrics', JSON.stringify([{ kind: 'share' }]))).toEqual({ status: 200, body: { accepted: 1, total: 3 } })
  })

  it('rejects a body that is not an array of events, quoting it', async () => {
    const plugin = statusApi()
    expect(await call(plugin, 'POST', '/api/metrics', '{"kind":"like"}')).toEqual({ status: 400, body: { error: 'expected a JSON array of events, got object' } })
    expect(await call(plugin, 'POST', '/api/metrics', 'nope')).toEqual({ status: 400, body: { error: 'expected a JSON array of events, got "nope"' } })
  })

  it('leaves other requests to Vite', async () => {
    expect(await call(statusApi(), 'GET', '/src/main.tsx')).toBe('next')
  })
})
