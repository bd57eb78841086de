// One instance of a fleet running the same exclusive task on a Redis lease
// (see lease-instance.ts). Each finished run is pushed to the list `<prefix>runs`.
// Args: <redis url> <client> <prefix> <ttl ms>.
import { redisLease } from '../../../src/redis/index.ts'
import { leaseInstance } from '../lease-instance.ts'
import { connectRedis, type RedisClientName } from '../redis-helpers.ts'

const [url, clientName, prefix, ttl] = process.argv.slice(2) as [string, RedisClientName, string, string]
const runtime = typeof (globalThis as { Bun?: unknown }).Bun === 'undefined' ? 'node' : 'bun'
const redis = await connectRedis(clientName, url)
leaseInstance(
  redisLease(redis.client, { ttlMs: Number(ttl), prefix, holderId: `${runtime}:${process.pid}` }),
  async (run) => void (await redis.command('RPUSH', `${prefix}runs`, JSON.stringify(run))),
  () => redis.close(),
)
