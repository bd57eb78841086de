import { beforeEach, describe, expect, it } from 'vitest'
import { InvalidOptionError } from '../src/index.ts'
import { createCachedValue, memoryStore, webStorageStore, type CachedValueOptions, type CacheStore } from '../src/cache.ts'
import { deferred, setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup(1_000_000)
})

/** A source counting its calls, returning `v1`, `v2`, … */
function counter() {
  const calls = { count: 0 }
  const source = (): string => `v${++calls.count}`
  return { calls, source }
}

function make<T>(options: Partial<CachedValueOptions<T>> & Pick<CachedValueOptions<T>, 'source'>) {
  return createCachedValue<T>({ expire: 1000, clock: env.clock, logger: env.logger, registry: env.registry, ...options })
}

describe('get()', () => {
  it('populates on first access and reuses the value until it expires', async () => {
    const { calls, source } = counter()
    const cached = make({ source })
    expect(cached.peek()).toBeUndefined()
    await expect(cached.get()).resolves.toBe('v1')
    await env.clock.advance(999)
    await expect(cached.get()).resolves.toBe('v1')
    await env.clock.advance(1)
    await expect(cached.get()).resolves.toBe('v2')
    expect(calls.count).toBe(2)
    expect(cached.updatedAt).toBe(1_001_000)
  })

  it('fresh: true refreshes unless younger than tolerance; tolerance 0 always refreshes', async () => {
    const { source } = counter()
    const cached = make({ source, expire: 60_000 })
    await cached.get()
    await expect(cached.get({ fresh: true })).resolves.toBe('v2')
    await expect(cached.get({ fresh: true, tolerance: 0 })).resolves.toBe('v3')
    await env.clock.advance(400)
    await expect(cached.get({ fresh: true, tolerance: 500 })).resolves.toBe('v3')
    await env.clock.advance(100)
    await expect(cached.get({ fresh: true, tolerance: 500 })).resolves.toBe('v4')
  })

  it('shares one in-flight refresh between concurrent calls', async () => {
    const pending = deferred<string>()
    let calls = 0
    const cached = make({ source: () => (calls++, pending.promise) })
    const all = Promise.all([cached.get(), cached.get(), cached.get({ fresh: true })])
    pending.resolve('shared')
    await expect(all).resolves.toEqual(['shared', 'shared', 'shared'])
    expect(calls).toBe(1)
  })

  it('keeps the old value when the source fails, reports it, and recovers', async () => {
    let fail = false
    let n = 0
    const cached = make({
      source: () => {
        if (fail) throw new Error('backend down')
        return ++n
      },
    })
    await cached.get()
    fail = true
    await env.clock.advance(1000)
    await expect(cached.get()).resolves.toBe(1)
    expect((cached.lastError as Error).message).toBe('backend down')
    expect(env.warnings.map((w) => String(w[0]))).toEqual([expect.stringMatching(/cached value "cached value": source failed; keeping the value from/)])
    fail = false
    await expect(cached.get()).resolves.toBe(2)
    expect(cached.lastError).toBeUndefined()
  })

  it('rejects when the source fails and no value is held, and still sends the error to onError', async () => {
    const errors: unknown[] = []
    const cached = make<number>({ source: () => Promise.reject(new Error('nope')), onError: (error) => errors.push(error) })
    await expect(cached.get()).rejects.toThrow('nope')
    expect(errors.map((error) => (error as Error).message)).toEqual(['nope'])
    expect(env.warnings).toEqual([])
  })

  it('rejects bad get() options with a named error', async () => {
    const cached = make({ source: () => 1 })
    await expect(cached.get({ tolerance: -1 })).rejects.toThrow(/get\(\) tolerance must be a non-negative finite number of milliseconds, got `-1` \(number\)/)
    await expect(cached.get({ fresh: 'yes' as never })).rejects.toThrow(InvalidOptionError)
  })

  it('invalidate() forgets the value and the stored entry', async () => {
    const store = memoryStore()
    const { source } = counter()
    const cached = make({ source, store, key: 'k' })
    await cached.get()
    expect(store.size).toBe(1)
    await cached.invalidate()
    expect(store.size).toBe(0)
    await expect(cached.get()).resolves.toBe('v2')
  })
})

describe('stores', () => {
  it('reuse a persisted value young enough on first access', async () => {
    const store = memoryStore()
    const first = make({ source: () => ({ n: 1 }), store, key: 'cfg' })
    await first.get()
    await env.clock.advance(600)
    let calls = 0
    const second = make({ source: () => (calls++, { n: 2 }), store, key: 'cfg' })
    await expect(second.get()).resolves.toEqual({ n: 1 })
    expect(second.updatedAt).toBe(1_000_000)
    expect(calls).toBe(0)
    await env.clock.advance(400)
    await expect(second.get()).resolves.toEqual({ n: 2 })
  })

  it('regenerate and rewrite when the persisted value is too old', async () => {
    const store = memoryStore()
    await make({ source: () => 'old', store, key: 'k' }).get()
    await env.clock.advance(5000)
    await expect(make({ source: () => 'new', store, key: 'k' }).get()).resolves.toBe('new')
    expect(JSON.parse(store.read('k') as string)).toEqual({ storedAt: 1_005_000, value: '"new"' })
  })

  it('treat a reader error as "regenerate and rewrite"', async () => {
    const broken: [string, CacheStore][] = []
    const garbage = memoryStore()
    garbage.write('k', '{not json')
    broken.push(['unparsable text', garbage])
    const wrongShape = memoryStore()
    wrongShape.write('k', JSON.stringify({ hello: 1 }))
    broken.push(['an unknown shape', wrongShape])
    const throwing = memoryStore()
    broken.push(['a throwing read', { ...throwing, read: () => Promise.reject(new Error('EIO')), write: throwing.write, delete: throwing.delete }])
    for (const [, store] of broken) {
      const cached = make({ source: () => 'fresh', store, key: 'k' })
      await expect(cached.get()).resolves.toBe('fresh')
    }
    expect(JSON.parse(garbage.read('k') as string).value).toBe('"fresh"')
    expect(JSON.parse(wrongShape.read('k') as string).value).toBe('"fresh"')
    expect(env.warnings).toEqual([])
  })

  it('treat a deserialize error as "regenerate" too, and use custom serializers', async () => {
    const store = memoryStore()
    const dates = { serialize: (d: Date) => String(d.getTime()), deserialize: (text: string) => new Date(Number(text)) }
    await make({ source: () => new Date(5), store, key: 'd', ...dates }).get()
    await expect(make({ source: () => new Date(6), store, key: 'd', ...dates }).get()).resolves.toEqual(new Date(5))
    const strict = make({
      source: () => new Date(7),
      store,
      key: 'd',
      serialize: dates.serialize,
      deserialize: () => {
        throw new Error('schema changed')
      },
    })
    await expect(strict.get()).resolves.toEqual(new Date(7))
  })

  it('keep an expired stored value when the source fails on first access', async () => {
    const store = memoryStore()
    await make({ source: () => 'kept', store, key: 'k' }).get()
    await env.clock.advance(10_000)
    const cached = make<string>({ source: () => Promise.reject(new Error('offline')), store, key: 'k' })
    await expect(cached.get()).resolves.toBe('kept')
    expect(env.warnings).toHaveLength(1)
  })

  it('report a failing write but still return the value', async () => {
    const store: CacheStore = { read: () => undefined, write: () => Promise.reject(new Error('quota exceeded')), delete: () => {} }
    const cached = make({ source: () => 1, store, key: 'k' })
    await expect(cached.get()).resolves.toBe(1)
    expect(String(env.warnings[0]?.[0])).toMatch(/cache:k": could not write to the store/)
  })

  it('webStorageStore keeps items under a prefix in the given Storage', async () => {
    const items = new Map<string, string>()
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    }
    const store = webStorageStore({ storage, prefix: 'app:' })
    await make({ source: () => [1, 2], store, key: 'list' }).get()
    expect([...items.keys()]).toEqual(['app:list'])
    await expect(make({ source: () => [3], store, key: 'list' }).get()).resolves.toEqual([1, 2])
  })

  it('webStorageStore without any Storage regenerates on read and reports the write', async () => {
    const store = webStorageStore()
    await expect(make({ source: () => 'x', store, key: 'k' }).get()).resolves.toBe('x')
    expect(String(env.warnings[0]?.[0])).toMatch(/could not write to localStorage/)
    expect(String(env.warnings[0]?.[1])).toMatch(/no localStorage in this runtime/)
  })
})

describe('refreshEvery', () => {
  it('keeps the value warm through a registered task', async () => {
    const { calls, source } = counter()
    const cached = make({ source, expire: 60_000, refreshEvery: 1000, name: 'rates' })
    expect(env.registry.get('rates')).toBe(cached.task)
    expect(cached.task?.level).toBe('low')
    await env.clock.advance(0)
    expect(calls.count).toBe(1)
    await env.clock.advance(3000)
    expect(calls.count).toBe(4)
    await expect(cached.get()).resolves.toBe('v4')
    expect(calls.count).toBe(4)
    await cached.dispose()
    expect(env.registry.get('rates')).toBeUndefined()
    await env.clock.advance(5000)
    expect(calls.count).toBe(4)
  })

  it('records a failed refresh as a failed run, sends it to onError once, and keeps the old value', async () => {
    const errors: string[] = []
    let fail = false
    const cached = make({
      source: () => {
        if (fail) throw new Error('flaky')
        return 'good'
      },
      expire: 60_000,
      refreshEvery: 1000,
      name: 'warm',
      onError: (error) => errors.push((error as Error).message),
    })
    await env.clock.advance(0)
    fail = true
    await env.clock.advance(2000)
    expect(cached.task?.status()).toMatchObject({ totalRuns: 3, failedRuns: 2 })
    expect(cached.task?.history[1]?.error?.message).toBe('flaky')
    expect(errors).toEqual(['flaky', 'flaky'])
    // Reported once, through onError: not again by the refresh task's logger.
    expect(env.warnings).toEqual([])
    await expect(cached.get()).resolves.toBe('good')
    await cached.dispose()
  })

  it('does not report a source aborted by dispose() as a failure', async () => {
    const errors: unknown[] = []
    const cached = make({
      source: ({ signal }) => new Promise<number>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      onError: (error) => errors.push(error),
    })
    const pending = cached.get()
    await cached.dispose()
    await expect(pending).rejects.toBeDefined()
    expect(errors).toEqual([])
  })

  it('aborts the source’s signal on dispose()', async () => {
    let signal: AbortSignal | undefined
    const cached = make({ source: (ctx) => ((signal = ctx.signal), 1) })
    await cached.get()
    expect(signal?.aborted).toBe(false)
    await cached.dispose()
    expect(signal?.aborted).toBe(true)
  })
})

describe('options', () => {
  it('are validated with named errors quoting the value', () => {
    const base = { source: () => 1, expire: 10 }
    expect(() => createCachedValue({ ...base, source: 5 as never })).toThrow(/source must be a function, got `5` \(number\)/)
    expect(() => createCachedValue({ source: () => 1 } as never)).toThrow(/expire \(ms\) is required/)
    expect(() => createCachedValue({ ...base, expire: -1 })).toThrow(/expire must be a non-negative finite number of milliseconds, got `-1`/)
    expect(() => createCachedValue({ ...base, refreshEvery: 0 })).toThrow(/refreshEvery must be a positive/)
    expect(() => createCachedValue({ ...base, store: memoryStore() })).toThrow(/a store needs a key/)
    expect(() => createCachedValue({ ...base, store: {} as never, key: 'k' })).toThrow(/store must have read\(key\) and write\(key, text\), got `\{\}` \(object\)/)
    expect(() => createCachedValue({ ...base, level: 'top' as never })).toThrow(InvalidOptionError)
  })
})
