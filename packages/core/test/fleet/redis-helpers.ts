// Shared by the Redis fleet tests: a private server and both clients on it.
import IORedis from 'ioredis'
import { createClient } from 'redis'
import { startRedis, type RedisServer } from '../../../../scripts/servers/redis.mjs'
import type { RedisClientLike } from '../../src/redis/index.ts'

export type { RedisServer }
export { startRedis }

/** The two clients the adapters accept. */
export const REDIS_CLIENTS = ['ioredis', 'node-redis'] as const
export type RedisClientName = (typeof REDIS_CLIENTS)[number]

/** One connected client, with a raw command line for the tests' own bookkeeping. */
export interface NamedRedis {
  readonly name: RedisClientName
  readonly client: RedisClientLike
  /** Any Redis command: `command('SADD', 'ledger', 'a')`. */
  command(...args: string[]): Promise<unknown>
  /** Closes gracefully: commands already sent (a lease release) get their replies first. */
  close(): Promise<void>
}

/** Connects an ioredis or a node-redis client to `url`. */
export async function connectRedis(name: RedisClientName, url: string): Promise<NamedRedis> {
  if (name === 'ioredis') {
    const client = new IORedis(url, { maxRetriesPerRequest: null })
    // Errors while Redis is away are the tests' business (they reach the lease); keep them off stderr.
    client.on('error', () => {})
    await client.ping()
    return { name, client, command: (command, ...args) => client.call(command, ...args), close: async () => void (await client.quit()) }
  }
  const client = createClient({ url })
  client.on('error', () => {})
  await client.connect()
  return { name, client, command: (...args) => client.sendCommand(args), close: async () => void (await client.close()) }
}
