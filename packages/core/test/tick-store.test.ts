import { describe, expect, it } from 'vitest'
import { canonicalJson, memoryTickStore, mutate, sameStoredValue, type TickStore } from '../src/tick/index.ts'

describe('memoryTickStore()', () => {
  it('stores JSON copies: a caller cannot change stored state by reference', async () => {
    const store = memoryTickStore()
    const value = { runs: [1] }
    await store.set('k', value)
    value.runs.push(2)
    const read = (await store.get('k')) as { runs: number[] }
    read.runs.push(3)
    expect(await store.get('k')).toEqual({ runs: [1] })
    expect(store.entries().get('k')).toBe('{"runs":[1]}')
  })

  it('compareAndSet writes only over the value it expects (undefined: absent)', async () => {
    const store = memoryTickStore()
    expect(await store.compareAndSet('k', undefined, { a: 1, b: 2 })).toBe(true)
    expect(await store.compareAndSet('k', undefined, { a: 9 })).toBe(false)
    expect(await store.compareAndSet('k', { a: 1, b: 3 }, { a: 9 })).toBe(false)
    // Key order does not matter: the values are equal.
    expect(await store.compareAndSet('k', { b: 2, a: 1 }, { a: 4 })).toBe(true)
    expect(await store.get('k')).toEqual({ a: 4 })
    expect(await store.compareAndSet('k', { a: 4 }, undefined)).toBe(true)
    expect(await store.get('k')).toBeUndefined()
  })
})

describe('sameStoredValue() and canonicalJson()', () => {
  it('compare structure, not key order or identity', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}')
    expect(sameStoredValue({ x: 1, y: [1, 2] }, { y: [1, 2], x: 1 })).toBe(true)
    expect(sameStoredValue([1, 2], [2, 1])).toBe(false)
    expect(sameStoredValue(undefined, null)).toBe(false)
    expect(sameStoredValue(undefined, undefined)).toBe(true)
  })
})

describe('mutate()', () => {
  it('retries when another writer changed the value between its read and its write', async () => {
    const inner = memoryTickStore()
    await inner.set('n', 0)
    let interfered = false
    const store: TickStore = {
      get: (key) => inner.get(key),
      set: (key, value) => inner.set(key, value),
      compareAndSet: async (key, expected, next) => {
        if (!interfered) {
          interfered = true
          await inner.set(key, 10) // another tick got there first
        }
        return inner.compareAndSet(key, expected, next)
      },
    }
    const seen: unknown[] = []
    const written = await mutate<number>(store, 'n', (current) => {
      seen.push(current)
      return { write: (current as number) + 1 }
    })
    expect(seen).toEqual([0, 10])
    expect(written).toBe(11)
    expect(await inner.get('n')).toBe(11)
  })

  it('writes nothing when the change aborts, and gives up after repeated contention', async () => {
    const store = memoryTickStore()
    expect(await mutate(store, 'k', () => ({ abort: true }))).toBeUndefined()
    expect(store.entries().size).toBe(0)
    let attempts = 0
    const losing: TickStore = { get: async () => attempts, set: async () => {}, compareAndSet: async () => (attempts++, false) }
    expect(await mutate(losing, 'k', () => ({ write: 1 }))).toBeUndefined()
    expect(attempts).toBe(8)
  })

  it('reads then writes on a store without compareAndSet', async () => {
    const inner = memoryTickStore()
    const plain: TickStore = { get: (key) => inner.get(key), set: (key, value) => inner.set(key, value) }
    expect(await mutate(plain, 'k', (current) => ({ write: [...((current as number[] | undefined) ?? []), 1] }))).toEqual([1])
    expect(await mutate(plain, 'k', (current) => ({ write: [...(current as number[]), 2] }))).toEqual([1, 2])
  })
})
