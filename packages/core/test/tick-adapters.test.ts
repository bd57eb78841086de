import { tick } from '../src/tick/index.ts'
import { beforeEach, describe, expect, it } from 'vitest'
import { alarmTicker, durableObjectStore, kvStore, scheduledHandler, type AlarmStorageLike } from '../src/adapters/cloudflare/index.ts'
import { denoCron, denoKvStore, type DenoCronFunction, type DenoKvLike } from '../src/adapters/deno/index.ts'
import { tickHandler } from '../src/adapters/http.ts'
import { InvalidOptionError } from '../src/index.ts'
import { memoryTickStore, type TickReport } from '../src/tick/index.ts'
import { setup } from './helpers.ts'

const MINUTE = 60_000
const T0 = Date.UTC(2026, 0, 1, 12, 0)

let env: ReturnType<typeof setup>
let ran: string[]
beforeEach(() => {
  env = setup(T0)
  ran = []
  env.make({ name: 'a', interval: 10_000, run: () => void ran.push('a') })
})

/** Durable Object storage in memory: structured values, one alarm, transactions. */
type FakeStorage = AlarmStorageLike & { alarm: number | null; data: Map<string, unknown> }
function fakeStorage(): FakeStorage {
  const data = new Map<string, unknown>()
  const storage: FakeStorage = {
    data,
    alarm: null as number | null,
    get: async (key: string) => structuredClone(data.get(key)),
    put: async (key: string, value: unknown) => void data.set(key, structuredClone(value)),
    delete: async (key: string) => data.delete(key),
    transaction: (closure) => closure(storage),
    getAlarm: async () => storage.alarm,
    setAlarm: async (at: number) => void (storage.alarm = at),
    deleteAlarm: async () => void (storage.alarm = null),
  }
  return storage
}

describe('cloudflare scheduledHandler()', () => {
  it('ticks at controller.scheduledTime with the store made from env', async () => {
    const store = memoryTickStore()
    const reports: TickReport[] = []
    const handler = scheduledHandler<{ store: typeof store }>(env.registry, { store: (e) => e.store, budgetMs: 100, onReport: (report) => void reports.push(report) })
    const report = await handler({ scheduledTime: T0, cron: '* * * * *' }, { store })
    await handler({ scheduledTime: T0, cron: '* * * * *' }, { store })
    expect(ran).toEqual(['a'])
    expect(report.now).toBe(T0)
    expect(reports).toHaveLength(2)
  })

  it('rejects a controller without scheduledTime and bad options', async () => {
    const handler = scheduledHandler(env.registry, { store: memoryTickStore() })
    await expect(handler({} as never, {})).rejects.toThrow(/controller.scheduledTime must be epoch ms, got `undefined` \(undefined\)/)
    expect(() => scheduledHandler(env.registry, { store: 5 as never })).toThrow(InvalidOptionError)
  })
})

describe('cloudflare alarmTicker()', () => {
  it('ticks at the stored alarm time and re-arms the one alarm to the next due time', async () => {
    const storage = fakeStorage()
    const ticker = alarmTicker(storage, env.registry)
    expect(await ticker.arm(T0)).toBe(T0)
    expect(await ticker.arm(T0 + 5000)).toBe(T0)
    const first = await ticker.alarm()
    expect(first.now).toBe(T0)
    expect(storage.alarm).toBe(T0 + 10_000)
    expect((await ticker.alarm()).now).toBe(T0 + 10_000)
    expect(ran).toEqual(['a', 'a'])
    expect(await ticker.nextAlarm()).toBe(T0 + 20_000)
  })

  it('re-arms at once (not in the past) when work was shed, and clears the alarm when nothing will run', async () => {
    const storage = fakeStorage()
    env.make({ name: 'slow', level: 'critical', interval: MINUTE, maxRuns: 1, run: () => new Promise<void>((resolve) => env.clock.setTimeout(resolve, 50)) })
    const ticker = alarmTicker(storage, env.registry, { budgetMs: 10 })
    const pending = ticker.tick(T0 + 1000)
    await env.clock.advance(50)
    expect((await pending).shed.map((task) => task.name)).toEqual(['a'])
    expect(storage.alarm).toBe(T0 + 1000)
    env.registry.unregister('a')
    await ticker.alarm()
    expect(storage.alarm).toBeNull()
  })

  it('rejects storage without alarms', () => {
    expect(() => alarmTicker({} as never, env.registry)).toThrow(/needs a Durable Object's ctx.storage \(with setAlarm\), got `\{\}` \(object\)/)
  })
})

describe('cloudflare stores', () => {
  it('durableObjectStore compares and sets inside a transaction', async () => {
    const storage = fakeStorage()
    let transactions = 0
    const store = durableObjectStore({ ...storage, transaction: (closure) => (transactions++, closure(storage)) })
    expect(await store.compareAndSet?.('k', undefined, { n: 1 })).toBe(true)
    expect(await store.compareAndSet?.('k', undefined, { n: 2 })).toBe(false)
    expect(await store.compareAndSet?.('k', { n: 1 }, { n: 3 })).toBe(true)
    expect(await store.get('k')).toEqual({ n: 3 })
    expect(transactions).toBe(3)
  })

  it('kvStore writes JSON text and has no compare-and-set', async () => {
    const data = new Map<string, string>()
    const store = kvStore({
      get: async (key) => (data.has(key) ? JSON.parse(data.get(key) as string) : null),
      put: async (key, value) => void data.set(key, value),
      delete: async (key) => void data.delete(key),
    })
    expect(store.compareAndSet).toBeUndefined()
    expect(await store.get('x')).toBeUndefined()
    await tick(env.registry, { now: T0, store })
    expect(JSON.parse(data.get('tickwork:task:a') as string).lastDueAt).toBe(T0)
    expect(() => kvStore('KV' as never)).toThrow(/needs a KV namespace binding \(env.MY_KV\), got `"KV"` \(string\)/)
  })
})

/** Deno KV semantics in memory: versionstamps and atomic checks. */
function fakeKv(): DenoKvLike {
  const data = new Map<string, { value: unknown; versionstamp: string }>()
  let version = 0
  const id = (key: readonly unknown[]): string => JSON.stringify(key)
  const kv: DenoKvLike = {
    get: async (key) => data.get(id(key)) ?? { value: null, versionstamp: null },
    set: async (key, value) => void data.set(id(key), { value: structuredClone(value), versionstamp: String(++version) }),
    delete: async (key) => void data.delete(id(key)),
    atomic: () => {
      const checks: { key: readonly unknown[]; versionstamp: string | null }[] = []
      const writes: (() => void)[] = []
      const operation = {
        check: (...more: typeof checks) => (checks.push(...more), operation),
        set: (key: readonly unknown[], value: unknown) => (writes.push(() => data.set(id(key), { value: structuredClone(value), versionstamp: String(++version) })), operation),
        delete: (key: readonly unknown[]) => (writes.push(() => data.delete(id(key))), operation),
        commit: async () => {
          if (checks.some((check) => (data.get(id(check.key))?.versionstamp ?? null) !== check.versionstamp)) return { ok: false }
          for (const write of writes) write()
          return { ok: true }
        },
      }
      return operation
    },
  }
  return kv
}

describe('deno', () => {
  it('denoKvStore checks the versionstamp it read', async () => {
    const kv = fakeKv()
    const store = denoKvStore(kv, { prefix: ['app', 'ticks'] })
    expect(await store.compareAndSet?.('k', undefined, 1)).toBe(true)
    expect((await kv.get(['app', 'ticks', 'k'])).value).toBe(1)
    expect(await store.compareAndSet?.('k', undefined, 2)).toBe(false)
    expect(await store.compareAndSet?.('k', 1, 2)).toBe(true)
    expect(await store.get('k')).toBe(2)
    expect(() => denoKvStore({} as never)).toThrow(/needs a Deno.Kv from Deno.openKv\(\), got `\{\}` \(object\)/)
  })

  it('denoCron registers the cron and ticks at the start of the minute it fires in', async () => {
    const registered: { name: string; schedule: string; handler: () => Promise<void> }[] = []
    const cron: DenoCronFunction = (name, schedule, handler) => void registered.push({ name, schedule, handler })
    let wall = T0 + 42_123
    const handle = denoCron(env.registry, { name: 'ticks', schedule: '* * * * *', kv: fakeKv(), cron, now: () => Math.floor(wall / MINUTE) * MINUTE })
    expect(registered.map(({ name, schedule }) => [name, schedule])).toEqual([['ticks', '* * * * *']])
    await registered[0]?.handler()
    wall += 5000 // a retry in the same minute
    await registered[0]?.handler()
    expect(ran).toEqual(['a'])
    expect(handle.lastReport()?.now).toBe(T0)
  })

  it('denoCron validates its options, naming what it got', () => {
    const kv = fakeKv()
    const cron: DenoCronFunction = () => {}
    expect(() => denoCron(env.registry, { name: '', schedule: '* * * * *', kv, cron })).toThrow(/name must be a non-empty string, got `""` \(string\)/)
    expect(() => denoCron(env.registry, { name: 'x', schedule: 'every minute', kv, cron })).toThrow(/5-field cron expression .* got `"every minute"` \(string\)/)
    expect(() => denoCron(env.registry, { name: 'x', schedule: '* * * * *', kv })).toThrow(/Deno.cron is not available/)
  })
})

describe('tickHandler()', () => {
  it('answers a tick with the JSON report; ?now= picks the slot', async () => {
    const handler = tickHandler(env.registry, { store: memoryTickStore() })
    const response = await handler(new Request(`https://x.test/tick?now=${T0}`, { method: 'POST' }))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    const report = (await response.json()) as TickReport
    expect(report.summaries.map((run) => run.name)).toEqual(['a'])
    const again = (await (await handler(new Request(`https://x.test/tick?now=${T0}`))).json()) as TickReport
    expect(again.summaries).toEqual([])
  })

  it('refuses other methods, unauthorised callers and a bad now', async () => {
    const handler = tickHandler(env.registry, { store: memoryTickStore(), authorize: (request) => request.headers.get('x-secret') === 's3cret' })
    expect((await handler(new Request('https://x.test/', { method: 'DELETE' }))).status).toBe(405)
    expect((await handler(new Request('https://x.test/'))).status).toBe(401)
    const bad = await handler(new Request('https://x.test/?now=noon', { headers: { 'x-secret': 's3cret' } }))
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'now must be epoch ms, got `"noon"` (string)' })
    expect(ran).toEqual([])
    expect(() => tickHandler(env.registry, { store: memoryTickStore(), slotMs: 0 })).toThrow(/slotMs must be a number of ms ≥ 1, got `0` \(number\)/)
  })

  it('answers 500 when authorize throws', async () => {
    const handler = tickHandler(env.registry, {
      store: memoryTickStore(),
      authorize: () => {
        throw new TypeError('no secret configured')
      },
    })
    const response = await handler(new Request(`https://x.test/?now=${T0}`))
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error: 'TypeError: no secret configured' })
    expect(ran).toEqual([])
  })

  it('answers 500 with the error when the store fails', async () => {
    const handler = tickHandler(env.registry, {
      store: { get: () => Promise.reject(new Error('disk gone')), set: () => Promise.resolve() },
    })
    const response = await handler(new Request(`https://x.test/?now=${T0}`))
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error: 'Error: disk gone' })
  })
})
