import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidOptionError } from '../../src/errors.ts'
import { memoryTickStore } from '../../src/tick/memory-store.ts'
import { redisLease, redisTickStore } from '../../src/redis/index.ts'
import { connectRedis, REDIS_CLIENTS, startRedis, type NamedRedis, type RedisServer } from './redis-helpers.ts'

let server: RedisServer
beforeAll(async () => {
  server = await startRedis()
})
afterAll(() => server?.stop())

type Op =
  | { kind: 'get'; key: number }
  | { kind: 'set'; key: number; value: unknown }
  | { kind: 'cas'; key: number; expected: 'current' | 'reordered' | { value: unknown }; next: unknown }

const value = fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined })
const key = fc.integer({ min: 0, max: 2 })
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('get' as const), key }),
  fc.record({ kind: fc.constant('set' as const), key, value }),
  fc.record({
    kind: fc.constant('cas' as const),
    key,
    expected: fc.oneof(fc.constant('current' as const), fc.constant('reordered' as const), fc.record({ value })),
    next: value,
  }),
)

/** The same value with every object's keys in reverse order: still equal for a store. */
function reordered(input: unknown): unknown {
  if (input === null || typeof input !== 'object') return input
  if (Array.isArray(input)) return input.map(reordered)
  return Object.fromEntries(Object.entries(input).reverse().map(([name, inner]) => [name, reordered(inner)]))
}

describe.each(REDIS_CLIENTS)('redisTickStore() with %s', (clientName) => {
  let redis: NamedRedis
  beforeAll(async () => {
    redis = await connectRedis(clientName, server.url)
  })
  afterAll(() => redis?.close())

  it('reads back what it wrote, and deletes on undefined', async () => {
    const store = redisTickStore(redis.client, { prefix: `${clientName}:basic:` })
    expect(await store.get('a')).toBeUndefined()
    await store.set('a', { b: [1, 'two', null], c: true })
    expect(await store.get('a')).toEqual({ b: [1, 'two', null], c: true })
    expect(await redis.command('GET', `${clientName}:basic:a`)).toBe('{"b":[1,"two",null],"c":true}')
    await store.set('a', undefined)
    expect(await store.get('a')).toBeUndefined()
  })

  it('has the compare-and-set semantics of the memory store (property)', async () => {
    let round = 0
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const memory = memoryTickStore()
        const store = redisTickStore(redis.client, { prefix: `${clientName}:cas:${round++}:` })
        for (const step of ops) {
          const name = `k${step.key}`
          if (step.kind === 'get') {
            expect(await store.get(name)).toEqual(await memory.get(name))
          } else if (step.kind === 'set') {
            await Promise.all([memory.set(name, step.value), store.set(name, step.value)])
          } else {
            const current = await memory.get(name)
            const expected = step.expected === 'current' ? current : step.expected === 'reordered' ? reordered(current) : step.expected.value
            const [want, got] = await Promise.all([memory.compareAndSet(name, expected, step.next), store.compareAndSet(name, expected, step.next)])
            expect(got).toBe(want)
          }
        }
        for (const name of ['k0', 'k1', 'k2']) expect(await store.get(name)).toEqual(await memory.get(name))
      }),
      { numRuns: 60 },
    )
  })

  it('sends its scripts again when Redis forgot them (SCRIPT FLUSH, a restart)', async () => {
    const store = redisTickStore(redis.client, { prefix: `${clientName}:flush:` })
    await store.set('a', 1)
    await redis.command('SCRIPT', 'FLUSH')
    expect(await store.compareAndSet('a', 1, 2)).toBe(true)
    expect(await store.get('a')).toBe(2)
  })

  it('lets exactly one of many concurrent compare-and-sets on one value win', async () => {
    const store = redisTickStore(redis.client, { prefix: `${clientName}:race:` })
    await store.set('slot', { lastDueAt: 0 })
    const results = await Promise.all(Array.from({ length: 20 }, (_, writer) => store.compareAndSet('slot', { lastDueAt: 0 }, { lastDueAt: 1, writer })))
    expect(results.filter(Boolean)).toHaveLength(1)
    expect(await store.get('slot')).toMatchObject({ lastDueAt: 1, writer: results.indexOf(true) })
  })
})

describe('wrong client or options', () => {
  it('names what it received', () => {
    for (const make of [redisTickStore, redisLease] as ((client: never, options?: never) => unknown)[]) {
      expect(() => make({} as never)).toThrow(InvalidOptionError)
      expect(() => make(null as never)).toThrow(/client must be an ioredis client .* or a node-redis client .*got `null` \(null\)/)
      expect(() => make({ eval: () => {} } as never)).toThrow(/eval and evalsha\/evalSha methods, got `\{\}` \(object\)/)
      expect(() => make('redis://localhost' as never)).toThrow(/got `"redis:\/\/localhost"` \(string\)/)
    }
    const client = { eval: () => Promise.resolve(null), evalsha: () => Promise.resolve(null) }
    expect(() => redisTickStore(client, { prefix: 5 as never })).toThrow(/redisTickStore\(\): prefix must be a string, got `5` \(number\)/)
    expect(() => redisLease(client, { ttlMs: -1 })).toThrow(/redisLease\(\): ttlMs must be .* got `-1` \(number\)/)
    expect(() => redisLease(client, { ttlMs: Number.NaN })).toThrow(/got `NaN` \(number\)/)
    expect(() => redisLease(client, { holderId: '' })).toThrow(/holderId must be a non-empty string, got `""` \(string\)/)
    expect(() => redisLease(client, 'fast' as never)).toThrow(/options must be an object, got `"fast"` \(string\)/)
  })
})
