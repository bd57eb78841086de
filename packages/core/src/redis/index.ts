/**
 * tickwork on a fleet, through Redis: a tick store whose compare-and-set runs
 * in Redis (each slot runs once, whoever ticks) and a lease for `exclusive`
 * (one runner across instances). Takes an ioredis or node-redis client.
 * @module
 */
export { redisLease, type RedisLeaseOptions } from './lease.ts'
export { redisTickStore, type RedisTickStore, type RedisTickStoreOptions } from './tick-store.ts'
export type { IoRedisLike, NodeRedisLike, RedisClientLike } from './client.ts'
