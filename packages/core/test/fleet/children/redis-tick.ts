// One instance of a fleet in tick mode on Redis (see tick-fleet.ts). Each run
// adds "task@slot" to the Redis set `<prefix>ledger`: SADD answering 0 means
// the slot already ran, a duplicate.
// Args: <redis url> <client> <prefix> <callers> <slots>.
import { redisTickStore } from '../../../src/redis/index.ts'
import { connectRedis, type RedisClientName } from '../redis-helpers.ts'
import { tickInstance } from '../tick-fleet.ts'

const [url, clientName, prefix, callers, slots] = process.argv.slice(2) as [string, RedisClientName, string, string, string]
const redis = await connectRedis(clientName, url)
const record = async (task: string, slot: number): Promise<boolean> => Number(await redis.command('SADD', `${prefix}ledger`, `${task}@${slot}`)) === 1
await tickInstance(redisTickStore(redis.client, { prefix }), record, Number(callers), Number(slots))
await redis.close()
process.exit(0)
