import { defaultHolderId } from '../exclusive/holder.ts'
import type { Lease } from '../lease.ts'
import { ttlLease, type AcquireResult } from '../ttl-lease.ts'
import { prepareScripts, redisScript, scriptRunner, type RedisClientLike } from './client.ts'
import { checkOptions } from './options.ts'

/** Options of {@link redisLease}. */
export interface RedisLeaseOptions {
  /**
   * How long a holding lasts without renewal, in ms: a dead holder's task runs
   * elsewhere within `ttlMs` plus one retry (`ttlMs / 3`). The holder renews
   * every `ttlMs / 3`. Default 10 000.
   */
  ttlMs?: number
  /** Put before the lease keys (`<prefix>lease:{<task name>}` and its `:fence` counter). Default `tickwork:`. */
  prefix?: string
  /** Who this process is in `status().runner.holder` on every instance. Default `host:pid`. */
  holderId?: string
}

// KEYS[1] the lease, KEYS[2] its fencing counter (never expires); ARGV[1] holder id, ARGV[2] ttl ms.
// The value "<fence> <holder id>" names one acquisition: renew and release act only on their own.
const ACQUIRE = redisScript(`
local current = redis.call('GET', KEYS[1])
if current then return {0, current} end
local fence = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], fence .. ' ' .. ARGV[1], 'PX', ARGV[2])
return {1, fence}`)

const RENEW = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`)

const RELEASE = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`)

/** Who holds, from a lease value `"<fence> <holder id>"`. */
function holderOf(value: unknown): AcquireResult {
  if (typeof value !== 'string') return { acquired: false }
  const space = value.indexOf(' ')
  return { acquired: false, fence: Number(value.slice(0, space)), holder: value.slice(space + 1) }
}

/**
 * One runner across a fleet, for the task option `exclusive`:
 * `createTask({ name, interval, exclusive: redisLease(client), run })`.
 *
 * Of the processes that started the task, one holds the lease and runs it; the
 * others are standbys that retry every `ttlMs / 3`. The holder renews at that
 * pace. If it dies (even by SIGKILL), the lease expires and a standby takes
 * over within `ttlMs` plus one retry; `stop()` releases it at once. A holder
 * that cannot renew before expiry aborts its run with a `LeaseLostError` and
 * does not run until it holds the lease again. Each acquisition has a fencing
 * token, strictly increasing, given to runs as `ctx.fence`.
 *
 * Acquisition (SET PX if absent, plus INCR of the fence), renewal (PEXPIRE if
 * still ours) and release (DEL if still ours) are one Lua script, one round
 * trip, each. Expiry is judged by Redis. While Redis is unreachable the task
 * does not run here, and one warning is logged per outage. Timers are unref'd.
 * One lease may serve several tasks: each competes under its own name.
 *
 * @param client An ioredis client (`new Redis(url)`) or a connected node-redis client (`createClient({ url })`).
 * @example
 * createTask({ name: 'report', interval: 60_000, exclusive: redisLease(redis), run })
 */
export function redisLease(client: RedisClientLike, options: RedisLeaseOptions = {}): Lease {
  const run = scriptRunner(client, 'redisLease()')
  const { ttlMs = 10_000, prefix = 'tickwork:', holderId = defaultHolderId() } = checkOptions(options, 'redisLease()')
  const ttl = String(Math.ceil(ttlMs))
  prepareScripts(ACQUIRE, RENEW, RELEASE)
  // The hash tag keeps both keys in one Redis Cluster slot, as a script needs.
  const keys = (key: string): string[] => [`${prefix}lease:{${key}}`, `${prefix}lease:{${key}}:fence`]
  return ttlLease({
    engine: 'redis',
    ttlMs,
    holderId,
    acquire: async (key) => {
      const [won, detail] = (await run(ACQUIRE, keys(key), [holderId, ttl])) as [unknown, unknown]
      return Number(won) === 1 ? { acquired: true, fence: Number(detail) } : holderOf(detail)
    },
    renew: async (key, fence) => Number(await run(RENEW, keys(key), [`${fence} ${holderId}`, ttl])) === 1,
    release: async (key, fence) => {
      await run(RELEASE, keys(key), [`${fence} ${holderId}`])
    },
  })
}
