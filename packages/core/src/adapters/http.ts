/**
 * A tick endpoint for any platform that can call a URL on a schedule.
 * @module
 */
import { describeValue, InvalidOptionError, prefix } from '../errors.ts'
import type { KernelRegistry as TaskRegistry } from '../registry.ts'
import { assertTickStore, type TickStore } from '../tick/store.ts'
import { tick as runTick } from '../tick/run-due.ts'

/** Options of {@link tickHandler}. */
export interface TickHandlerOptions {
  /** Where state lives. */
  store: TickStore
  /** Ms after which no new run starts. Default: no limit. */
  budgetMs?: number
  /** Store key prefix. Default `tickwork:`. */
  keyPrefix?: string
  /**
   * Ms the caller's schedule is quantised to: without `?now=`, the tick's
   * `now` is the request time rounded down to it, so a retried request in the
   * same slot runs nothing twice. Default 60000 (a minute cron).
   */
  slotMs?: number
  /** Return false to answer 401 (check a shared secret header, say). Default: allow every request. */
  authorize?: (request: Request) => boolean | Promise<boolean>
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } })

/**
 * A fetch-style handler, `(request) => Response`, that ticks the registry and
 * answers with the tick report as JSON. `GET` or `POST`; the slot may be given
 * as `?now=<epoch ms>` (a scheduler that knows its slot time should pass it).
 *
 * @example
 * Deno.serve(tickHandler(registry, { store, authorize: (r) => r.headers.get('x-tick-secret') === SECRET }))
 */
export function tickHandler(registry: TaskRegistry, options: TickHandlerOptions): (request: Request) => Promise<Response> {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${prefix('tickHandler()')}needs options { store, budgetMs? }, got ${describeValue(options)}`)
  }
  assertTickStore(options.store, 'tickHandler()')
  const slotMs = options.slotMs ?? 60_000
  if (typeof slotMs !== 'number' || !(slotMs >= 1) || !Number.isFinite(slotMs)) {
    throw new InvalidOptionError(`${prefix('tickHandler()')}slotMs must be a number of ms ≥ 1, got ${describeValue(slotMs)}`)
  }
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'POST') return json(405, { error: `method ${request.method} not allowed; use GET or POST` })
    try {
      if (options.authorize !== undefined && !(await options.authorize(request))) return json(401, { error: 'unauthorized' })
      const given = new URL(request.url).searchParams.get('now')
      const now = given === null ? Math.floor(Date.now() / slotMs) * slotMs : Number(given)
      if (given !== null && (given.trim() === '' || !Number.isFinite(now))) {
        return json(400, { error: `now must be epoch ms, got ${describeValue(given)}` })
      }
      const report = await runTick(registry, {
        now,
        store: options.store,
        ...(options.budgetMs === undefined ? {} : { budgetMs: options.budgetMs }),
        ...(options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix }),
      })
      return json(200, report)
    } catch (error) {
      return json(500, { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })
    }
  }
}
