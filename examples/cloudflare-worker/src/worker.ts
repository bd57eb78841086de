/**
 * A Worker whose periodic work runs on Cron Triggers (minute slots) and, for
 * a sub-minute task, on a Durable Object alarm, with state in Durable Object
 * storage. The `/__test/*` routes exist for examples/cloudflare-worker/test.mjs.
 */
import { DurableObject } from 'cloudflare:workers'
import { createTask, fixedRate, TaskRegistry } from '@tickwork/core'
import { snapshotSource, type TickStore } from '@tickwork/core/tick'
import { alarmTicker, durableObjectStore, scheduledHandler } from '@tickwork/core/cloudflare'

interface Env {
  STATE: DurableObjectNamespaceLike<TickState>
  TICKER: DurableObjectNamespaceLike<Ticker>
}

interface DurableObjectNamespaceLike<T> {
  idFromName(name: string): unknown
  get(id: unknown): T
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

// The minute tasks, ticked by the Cron Trigger. One registry per isolate; what ran lives in the store.
const registry = new TaskRegistry()
createTask({ registry, name: 'heartbeat', level: 'critical', interval: 60_000, run: () => 'alive' })
createTask({ registry, name: 'sync', level: 'high', schedule: fixedRate(60_000), run: () => ({ message: 'synced', extra: { items: 3 } }) })
createTask({
  registry,
  name: 'rollup',
  level: 'medium',
  interval: 60_000,
  // Slower than the whole tick budget: whatever comes after it is shed.
  run: async () => {
    await wait(1100)
    return 'rolled up'
  },
})
createTask({ registry, name: 'cleanup', level: 'low', interval: 60_000, run: () => 'cleaned' })

/** The tick store of the Cron Trigger handler: one Durable Object's storage, reached over RPC. */
function stateStore(env: Env): TickStore {
  const state = env.STATE.get(env.STATE.idFromName('tickwork'))
  return {
    get: (key) => state.storeGet(key),
    set: (key, value) => state.storeSet(key, value),
    compareAndSet: (key, expected, next) => state.storeCompareAndSet(key, expected, next),
  }
}

const scheduled = scheduledHandler<Env>(registry, {
  store: stateStore,
  // Generous next to the store round trips, smaller than rollup alone.
  budgetMs: 1000,
  onReport: (report) => console.log(`[tickwork] tick ${new Date(report.now).toISOString()}: ran ${report.summaries.map((run) => run.name).join(', ') || 'nothing'}; shed ${report.shed.map((task) => task.name).join(', ') || 'nothing'}`),
})

/** Holds the Cron Trigger handler's tick state; compare-and-set is atomic inside the object. */
export class TickState extends DurableObject {
  readonly #store = durableObjectStore(this.ctx.storage)
  storeGet(key: string): Promise<unknown> {
    return this.#store.get(key)
  }
  storeSet(key: string, value: unknown): Promise<void> {
    return this.#store.set(key, value)
  }
  storeCompareAndSet(key: string, expected: unknown, next: unknown): Promise<boolean> {
    return (this.#store.compareAndSet as NonNullable<TickStore['compareAndSet']>)(key, expected, next)
  }
}

// A sub-minute task: Cron Triggers cannot go below a minute, a Durable Object alarm can.
const fastRegistry = new TaskRegistry()
createTask({ registry: fastRegistry, name: 'pulse', level: 'high', interval: 2000, run: (ctx) => `pulse for ${ctx.scheduledAt}` })

/** Keeps one alarm at the next due time of `fastRegistry` and ticks it when the alarm fires. */
export class Ticker extends DurableObject {
  readonly #ticker = alarmTicker(this.ctx.storage, fastRegistry, { budgetMs: 1000 })
  alarm(): Promise<unknown> {
    return this.#ticker.alarm()
  }
  arm(at: number): Promise<number> {
    return this.#ticker.arm(at)
  }
  async state(): Promise<unknown> {
    const source = await snapshotSource(durableObjectStore(this.ctx.storage), fastRegistry)
    return { alarm: await this.#ticker.nextAlarm(), lastTick: source.lastTick(), pulse: source.view('pulse')?.status ?? null }
  }
}

const json = (body: unknown, status = 200): Response => Response.json(body, { status })

export default {
  scheduled,
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url)
    const number = (name: string): number => Number(url.searchParams.get(name))
    try {
      switch (url.pathname) {
        case '/health':
          return new Response('ok')
        // Delivers a scheduled event by hand, as a redelivery of a slot would.
        case '/__test/scheduled':
          return json(await scheduled({ scheduledTime: number('time'), cron: '* * * * *' }, env))
        case '/__test/state': {
          const source = await snapshotSource(stateStore(env), registry)
          return json({ lastTick: source.lastTick(), tasks: Object.fromEntries(source.names().map((name) => [name, source.view(name)?.status])) })
        }
        case '/__test/alarm/arm':
          return json({ at: await env.TICKER.get(env.TICKER.idFromName('ticker')).arm(number('at')) })
        case '/__test/alarm/state':
          return json(await env.TICKER.get(env.TICKER.idFromName('ticker')).state())
        default:
          return json({ error: 'not found' }, 404)
      }
    } catch (error) {
      return json({ error: String(error) }, 500)
    }
  },
}
