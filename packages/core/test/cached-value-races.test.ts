import { beforeEach, describe, expect, it } from 'vitest'
import { InvalidOptionError } from '../src/index.ts'
import { createCachedValue, memoryStore, webStorageStore, type CachedValueOptions, type CacheStore } from '../src/cache.ts'
import { deferred, setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup(1_000_000)
})

function make<T>(options: Partial<CachedValueOptions<T>> & Pick<CachedValueOptions<T>, 'source'>) {
  return createCachedValue<T>({ expire: 1000, clock: env.clock, logger: env.logger, registry: env.registry, ...options })
}

/** A cached value on a controlled source, holding `v1` since now. */
async function primed() {
  const { calls, source } = controlled<string>()
  const cached = make({ source })
  const first = cached.get()
  calls[0]?.resolve('v1')
  await first
  return { calls, cached }
}

/** A source whose calls wait until the test settles them, in order. */
function controlled<T>() {
  const calls: ReturnType<typeof deferred<T>>[] = []
  const source = (): Promise<T> => {
    const call = deferred<T>()
    calls.push(call)
    return call.promise
  }
  return { calls, source }
}

describe('invalidate() during a refresh in flight', () => {
  it('wins: the in-flight result is not kept, and the next get() starts a new refresh', async () => {
    const { calls, source } = controlled<string>()
    const cached = make({ source })
    const before = cached.get()
    await cached.invalidate()
    const after = cached.get()
    expect(calls).toHaveLength(2)
    calls[0]?.resolve('old')
    calls[1]?.resolve('new')
    // The caller who asked before the invalidate gets what it asked for …
    await expect(before).resolves.toBe('old')
    // … and everyone after gets a value produced after it.
    await expect(after).resolves.toBe('new')
    await expect(cached.get()).resolves.toBe('new')
    expect(calls).toHaveLength(2)
  })

  it('wins even when the old refresh settles last', async () => {
    const { calls, source } = controlled<string>()
    const cached = make({ source })
    void cached.get()
    await cached.invalidate()
    const after = cached.get()
    calls[1]?.resolve('new')
    await expect(after).resolves.toBe('new')
    calls[0]?.resolve('old')
    await env.clock.flush()
    expect(cached.peek()?.value).toBe('new')
  })

  it('keeps nothing from it in the store either', async () => {
    const store = memoryStore()
    const { calls, source } = controlled<string>()
    const cached = make({ source, store, key: 'k' })
    void cached.get()
    await cached.invalidate()
    calls[0]?.resolve('old')
    await env.clock.flush()
    expect(store.size).toBe(0)
    expect(cached.peek()).toBeUndefined()
    const next = cached.get()
    calls[1]?.resolve('new')
    await next
    expect(JSON.parse(store.read('k') as string).value).toBe('"new"')
  })

  it('joins a refresh started after the invalidate instead of starting another', async () => {
    const { calls, source } = controlled<string>()
    const cached = make({ source })
    void cached.get()
    await cached.invalidate()
    const first = cached.get()
    const second = cached.get()
    expect(calls).toHaveLength(2)
    calls[1]?.resolve('new')
    await expect(Promise.all([first, second])).resolves.toEqual(['new', 'new'])
  })
})

describe('onError', () => {
  it('hears every source failure from get(), the old value kept', async () => {
    const errors: string[] = []
    let fail = false
    const cached = make({ source: () => (fail ? Promise.reject(new Error('down')) : 'v'), onError: (error) => errors.push((error as Error).message) })
    await cached.get()
    fail = true
    await env.clock.advance(1000)
    await expect(cached.get()).resolves.toBe('v')
    await expect(cached.get()).resolves.toBe('v')
    expect(errors).toEqual(['down', 'down'])
    expect(env.warnings).toEqual([])
  })
  // From refreshEvery too: see cached-value.test.ts, 'records a failed refresh as a failed run …'.
})

describe('get({ maxStale })', () => {
  it('returns a value up to maxStale past expiry at once and refreshes it in the background', async () => {
    const { calls, cached } = await primed()
    await env.clock.advance(1500)
    await expect(cached.get({ maxStale: 1000 })).resolves.toBe('v1')
    expect(calls).toHaveLength(2)
    expect(cached.status().refreshing).toBe(true)
    calls[1]?.resolve('v2')
    await env.clock.flush()
    await expect(cached.get({ maxStale: 1000 })).resolves.toBe('v2')
  })

  it('waits for a refresh once the value is older than expire + maxStale', async () => {
    const { calls, cached } = await primed()
    await env.clock.advance(2000)
    const late = cached.get({ maxStale: 1000 })
    let settled = false
    void late.then(() => (settled = true))
    await env.clock.flush()
    expect(settled).toBe(false)
    calls[1]?.resolve('v2')
    await expect(late).resolves.toBe('v2')
  })

  it('starts one refresh for any number of concurrent callers (single flight)', async () => {
    const { calls, cached } = await primed()
    await env.clock.advance(1200)
    const reads = await Promise.all(Array.from({ length: 20 }, () => cached.get({ maxStale: 5000 })))
    expect(new Set(reads)).toEqual(new Set(['v1']))
    const waiting = cached.get({ fresh: true })
    expect(calls).toHaveLength(2)
    calls[1]?.resolve('v2')
    await expect(waiting).resolves.toBe('v2')
  })

  it('reports a failed background refresh to onError and keeps serving the stale value', async () => {
    const errors: unknown[] = []
    let n = 0
    const cached = make({ source: () => (n++ === 0 ? 'v1' : Promise.reject(new Error('down'))), onError: (error) => errors.push(error) })
    await cached.get()
    await env.clock.advance(1500)
    await expect(cached.get({ maxStale: 1000 })).resolves.toBe('v1')
    await env.clock.flush()
    expect(errors).toHaveLength(1)
    expect(cached.peek()?.value).toBe('v1')
  })

  it('rejects a bad maxStale with a named error', async () => {
    const cached = make({ source: () => 1 })
    await expect(cached.get({ maxStale: -1 })).rejects.toThrow(/get\(\) maxStale must be a non-negative finite number of milliseconds, got `-1` \(number\)/)
  })
})

describe('persistent stores', () => {
  it('regenerate a value whose schema version changed, and rewrite it', async () => {
    const store = memoryStore()
    await make({ source: () => ({ name: 'Ada' }), store, key: 'user', version: 1 }).get()
    let calls = 0
    const same = make({ source: () => (calls++, { name: 'other' }), store, key: 'user', version: 1 })
    await expect(same.get()).resolves.toEqual({ name: 'Ada' })
    expect(calls).toBe(0)
    const next = make({ source: () => ({ first: 'Ada', last: 'Lovelace' }), store, key: 'user', version: 2 })
    await expect(next.get()).resolves.toEqual({ first: 'Ada', last: 'Lovelace' })
    expect(JSON.parse(store.read('user') as string)).toMatchObject({ version: 2 })
    // An entry written without a version counts as another version too.
    const unversioned = memoryStore()
    await make({ source: () => 'old shape', store: unversioned, key: 'k' }).get()
    await expect(make({ source: () => 'new shape', store: unversioned, key: 'k', version: 'v2' }).get()).resolves.toBe('new shape')
  })

  it('treat a reader error as "regenerate and rewrite", for Web Storage that throws on read', async () => {
    const items = new Map<string, string>()
    const storage = {
      getItem: (): string | null => {
        throw new Error('SecurityError: access denied')
      },
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    }
    await expect(make({ source: () => 'fresh', store: webStorageStore({ storage }), key: 'k' }).get()).resolves.toBe('fresh')
    expect(JSON.parse(items.get('tickwork:k') as string).value).toBe('"fresh"')
  })

  it('never let a delete from invalidate() land after a later write', async () => {
    const log: string[] = []
    const slowDelete = deferred()
    const inner = memoryStore()
    const store: CacheStore = {
      read: (k) => inner.read(k),
      write: (k, text) => {
        log.push('write')
        return inner.write(k, text)
      },
      delete: async (k) => {
        await slowDelete.promise
        log.push('delete')
        return inner.delete(k)
      },
    }
    const cached = make({ source: () => 'v', store, key: 'k' })
    await cached.get()
    const invalidated = cached.invalidate()
    const next = cached.get()
    slowDelete.resolve()
    await Promise.all([invalidated, next])
    expect(log).toEqual(['write', 'delete', 'write'])
    expect(inner.size).toBe(1)
  })

  it('reject a bad version with a named error', () => {
    expect(() => createCachedValue({ source: () => 1, expire: 10, version: {} as never })).toThrow(InvalidOptionError)
    expect(() => createCachedValue({ source: () => 1, expire: 10, version: Number.NaN })).toThrow(/version must be a string or a finite number, got `NaN` \(number\)/)
  })
})

describe('status()', () => {
  it('shows age, expiry, the refresh in flight and source errors, and is the refresh task’s facet', async () => {
    const { calls, source } = controlled<string>()
    const cached = make({ source, onError: () => {} })
    expect(cached.status()).toEqual({ kind: 'cache', hasValue: false, updatedAt: null, expiresAt: null, refreshing: false, errorCount: 0, lastError: null })
    const first = cached.get()
    expect(cached.status().refreshing).toBe(true)
    calls[0]?.resolve('v1')
    await first
    expect(cached.status()).toMatchObject({ hasValue: true, updatedAt: 1_000_000, expiresAt: 1_001_000, refreshing: false })
    await env.clock.advance(1000)
    const failing = cached.get()
    calls[1]?.reject(new RangeError('bad gateway'))
    await failing
    expect(cached.status()).toMatchObject({ errorCount: 1, lastError: { name: 'RangeError', message: 'bad gateway', at: 1_001_000 } })
    expect(cached.facet.actions).toEqual(['refresh', 'invalidate'])
    const refreshed = cached.facet.act('refresh')
    calls[2]?.resolve('v2')
    await refreshed
    expect(cached.peek()?.value).toBe('v2')
    await cached.facet.act('invalidate')
    expect(cached.status().hasValue).toBe(false)
    await expect(cached.facet.act('drain')).rejects.toThrow(/act\(\) needs one of 'refresh', 'invalidate', got `"drain"` \(string\)/)
  })

  it('is what the refresh task shows as its facet', async () => {
    const cached = make({ source: () => 'v', refreshEvery: 1000, name: 'warm' })
    await env.clock.advance(0)
    expect(cached.task?.facet).toBe(cached.facet)
    expect(cached.task?.status().facet).toEqual(cached.status())
    let changes = 0
    const unsubscribe = cached.facet.subscribe(() => changes++)
    await cached.invalidate()
    expect(changes).toBe(1)
    unsubscribe()
    await cached.dispose()
  })
})
