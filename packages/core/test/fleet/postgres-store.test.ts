import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidOptionError } from '../../src/index.ts'
import { memoryTickStore, mutate } from '../../src/tick/index.ts'
import { createTickTables, postgresLease, postgresTickStore, tickTablesSql } from '../../src/postgres/index.ts'
import { CLIENTS, connect, startPostgres, type NamedClient, type PostgresServer } from './postgres-helpers.ts'

let server: PostgresServer
const clients = new Map<string, NamedClient>()

beforeAll(async () => {
  server = await startPostgres()
  for (const name of CLIENTS) clients.set(name, connect(name, server.url))
  await createTickTables(clients.get('pg')!.db)
})

afterAll(async () => {
  for (const client of clients.values()) await client.end()
  await server?.stop()
})

let tables = 0
/** A fresh table per test, so tests and property runs never see each other's keys. */
async function freshStore(client: NamedClient) {
  const table = `ticks_${++tables}`
  await createTickTables(client.db, { table, leaseTable: `leases_${tables}` })
  return postgresTickStore(client.db, { table })
}

/** A JSON value jsonb can hold (no U+0000 in strings), as ticks store. */
const jsonValue = fc.jsonValue({ maxDepth: 3 }).filter((value) => !JSON.stringify(value).includes('\\u0000'))

describe.each(CLIENTS)('postgresTickStore() with %s', (name) => {
  const client = () => clients.get(name)!

  it('reads back what was written; undefined deletes', async () => {
    const store = await freshStore(client())
    expect(await store.get('k')).toBeUndefined()
    await store.set('k', { runs: [1, 2], nested: { a: 'x' } })
    expect(await store.get('k')).toEqual({ runs: [1, 2], nested: { a: 'x' } })
    await store.set('k', null)
    expect(await store.get('k')).toBeNull()
    await store.set('k', undefined)
    expect(await store.get('k')).toBeUndefined()
  })

  it('compareAndSet writes only over the value it expects (undefined: absent), ignoring key order', async () => {
    const store = await freshStore(client())
    expect(await store.compareAndSet('k', undefined, undefined)).toBe(true)
    expect(await store.compareAndSet('k', undefined, { a: 1, b: 2 })).toBe(true)
    expect(await store.compareAndSet('k', undefined, { a: 9 })).toBe(false)
    expect(await store.compareAndSet('k', undefined, undefined)).toBe(false)
    expect(await store.compareAndSet('k', { a: 1, b: 3 }, { a: 9 })).toBe(false)
    expect(await store.compareAndSet('k', { b: 2, a: 1 }, { a: 4 })).toBe(true)
    expect(await store.get('k')).toEqual({ a: 4 })
    expect(await store.compareAndSet('k', { a: 5 }, undefined)).toBe(false)
    expect(await store.compareAndSet('k', { a: 4 }, undefined)).toBe(true)
    expect(await store.get('k')).toBeUndefined()
  })

  it('lets exactly one of 20 concurrent compareAndSets over the same value win', async () => {
    const store = await freshStore(client())
    await store.set('slot', { claimed: 0 })
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.compareAndSet('slot', { claimed: 0 }, { claimed: i + 1 })))
    expect(results.filter(Boolean)).toHaveLength(1)
    const inserted = await Promise.all(Array.from({ length: 20 }, (_, i) => store.compareAndSet('fresh', undefined, i)))
    expect(inserted.filter(Boolean)).toHaveLength(1)
  })

  it('keeps mutate() counting exactly under 4 concurrent writers', async () => {
    const store = await freshStore(client())
    const increments = Array.from({ length: 4 }, async () => {
      let done = 0
      // Bounded, so a broken store fails instead of spinning.
      for (let attempt = 0; attempt < 200 && done < 10; attempt++) {
        if ((await mutate<number>(store, 'count', (current) => ({ write: ((current as number | undefined) ?? 0) + 1 }))) !== undefined) done++
      }
    })
    await Promise.all(increments)
    expect(await store.get('count')).toBe(40)
  })

  it('behaves as memoryTickStore on any sequence of get, set and compareAndSet (property)', async () => {
    const key = fc.constantFrom('a', 'b', 'c')
    const op = fc.oneof(
      fc.record({ kind: fc.constant('get' as const), key }),
      fc.record({ kind: fc.constant('set' as const), key, value: fc.option(jsonValue, { nil: undefined }) }),
      fc.record({
        kind: fc.constant('cas' as const),
        key,
        // Expect what is there (often), or some other value, or nothing.
        expected: fc.oneof(fc.constant('current' as const), fc.option(jsonValue, { nil: undefined })),
        next: fc.option(jsonValue, { nil: undefined }),
      }),
    )
    const store = await freshStore(client())
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        const model = memoryTickStore()
        for (const k of ['a', 'b', 'c']) await store.set(k, undefined)
        for (const step of ops) {
          if (step.kind === 'get') expect(await store.get(step.key)).toEqual(await model.get(step.key))
          else if (step.kind === 'set') await Promise.all([store.set(step.key, step.value), model.set(step.key, step.value)])
          else {
            // 'current' reads the value back from each store, then reorders its keys: equality must not depend on order.
            const expectedOf = async (from: { get(key: string): Promise<unknown> }) => (step.expected === 'current' ? reorder(await from.get(step.key)) : step.expected)
            const [real, modelled] = [await store.compareAndSet(step.key, await expectedOf(store), step.next), await model.compareAndSet(step.key, await expectedOf(model), step.next)]
            expect(real).toBe(modelled)
          }
        }
        for (const k of ['a', 'b', 'c']) expect(await store.get(k)).toEqual(await model.get(k))
      }),
      { numRuns: 60 },
    )
  })
})

/** The same value with every object's keys in reverse order. */
function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)]))
}

describe('bad input', () => {
  const wrong: unknown[] = [undefined, null, 42, 'postgres://x', {}, { query: 'no' }, () => {}]
  it.each(wrong)('postgresTickStore(%j), postgresLease and createTickTables reject a client of the wrong shape, quoting it', async (db) => {
    expect(() => postgresTickStore(db as never)).toThrow(InvalidOptionError)
    expect(() => postgresTickStore(db as never)).toThrow(/postgresTickStore\(\): db must be a pg Pool or Client .* or a postgres\.js sql instance .*, got `/)
    expect(() => postgresLease(db as never)).toThrow(/postgresLease\(\): db must be/)
    await expect(createTickTables(db as never)).rejects.toThrow(InvalidOptionError)
  })

  it('names a bad table, ttlMs or holderId and quotes it', () => {
    const db = clients.get('pg')!.db
    expect(() => postgresTickStore(db, { table: 'x; drop table y' })).toThrow(/table must be a table name .*, got `"x; drop table y"` \(string\)/)
    expect(() => postgresLease(db, { ttlMs: -1 })).toThrow(/ttlMs must be .*, got `-1` \(number\)/)
    expect(() => postgresLease(db, { holderId: '' })).toThrow(/holderId must be a non-empty string, got `""`/)
    expect(() => postgresTickStore(db, 'table' as never)).toThrow(/options must be an object/)
  })

  it('gives the migration as SQL text', () => {
    const sql = tickTablesSql({ table: 'app.ticks' })
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "app"."ticks"')
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "tickwork_leases"')
  })
})
