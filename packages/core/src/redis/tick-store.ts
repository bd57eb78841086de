import { sameStoredValue, type TickStore } from '../tick/store.ts'
import { redisScript, scriptRunner, type RedisClientLike } from './client.ts'
import { checkOptions } from './options.ts'

/** Options of {@link redisTickStore}. */
export interface RedisTickStoreOptions {
  /** Put before every key the tick writes (which already start with its `keyPrefix`, `tickwork:`). Default: none. */
  prefix?: string
}

/** A {@link TickStore} in Redis, whose `compareAndSet` is atomic in Redis itself. */
export interface RedisTickStore extends TickStore {
  compareAndSet(key: string, expected: unknown, next: unknown): Promise<boolean>
}

const GET = redisScript(`return redis.call('GET', KEYS[1])`)

const SET = redisScript(`
if ARGV[1] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[1]) end
return 1`)

// ARGV[1]: '1' when a value is expected (its JSON text in ARGV[2]), '0' for none.
// ARGV[3]: the JSON text to write, '' to delete. Replies {1} when written, else
// {0} (no value) or {0, current text}, so the caller can compare structurally.
const COMPARE_AND_SET = redisScript(`
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '0' then
  if current then return {0, current} end
elseif not current then
  return {0}
elseif current ~= ARGV[2] then
  return {0, current}
end
if ARGV[3] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[3]) end
return {1}`)

/** Text comparison failures retried structurally before giving up: another writer keeps changing the value. */
const MAX_ATTEMPTS = 4

/**
 * A tick store in Redis, for `tick(registry, { store })` on a fleet: each due
 * slot runs exactly once however many instances tick at once, because the
 * claim is a compare-and-set done in one Lua script.
 *
 * Values are JSON strings under `prefix + key`. Equality is structural, as in
 * {@link memoryTickStore}: a value written with its keys in another order still
 * matches. Every call is one round trip.
 *
 * @param client An ioredis client (`new Redis(url)`) or a connected node-redis client (`createClient({ url })`).
 */
export function redisTickStore(client: RedisClientLike, options: RedisTickStoreOptions = {}): RedisTickStore {
  const run = scriptRunner(client, 'redisTickStore()')
  const keyPrefix = checkOptions(options, 'redisTickStore()').prefix ?? ''
  const text = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value))
  return {
    get: async (key) => {
      const stored = await run(GET, [keyPrefix + key], [])
      return typeof stored === 'string' ? JSON.parse(stored) : undefined
    },
    set: async (key, value) => {
      await run(SET, [keyPrefix + key], [text(value)])
    },
    compareAndSet: async (key, expected, next) => {
      let expectedText = text(expected)
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const reply = (await run(COMPARE_AND_SET, [keyPrefix + key], [expected === undefined ? '0' : '1', expectedText, text(next)])) as unknown[]
        if (Number(reply[0]) === 1) return true
        const current = reply[1]
        // Same value, other key order (another writer's serialiser): try again on its exact text.
        if (expected === undefined || typeof current !== 'string' || !sameStoredValue(JSON.parse(current), expected)) return false
        expectedText = current
      }
      return false
    },
  }
}
