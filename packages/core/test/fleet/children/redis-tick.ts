// One instance of a fleet in tick mode: `callers` registries (as many app
// instances) tick the same Redis store through `slots` slots, each run adding
// (task, slot) to a Redis set, the ledger. SADD answering 0 is a duplicate.
// Args: <redis url> <client> <prefix> <callers> <slots>. Starts on "go" (stdin),
// prints one JSON line of tallies.
import { createInterface } from 'node:readline'
import { createTask } from '../../../src/create-task.ts'
import { TaskRegistry } from '../../../src/registry.ts'
import { redisTickStore } from '../../../src/redis/index.ts'
import { connectRedis, type RedisClientName } from '../redis-helpers.ts'
import { tickOnce } from '../tick-once.ts'

const [url, clientName, prefix, callers, slots] = process.argv.slice(2) as [string, RedisClientName, string, string, string]
export const SLOT_MS = 60_000
export const BASE = Date.UTC(2026, 0, 1)
const TASKS = [
  { name: 'report', level: 'critical' },
  { name: 'sync', level: 'medium' },
  { name: 'cleanup', level: 'low' },
] as const

const redis = await connectRedis(clientName, url)
const store = redisTickStore(redis.client, { prefix })
const tally = { runs: 0, duplicates: 0, contended: 0, shed: 0 }

function instance(): TaskRegistry {
  const registry = new TaskRegistry()
  for (const { name, level } of TASKS) {
    createTask({
      name,
      level,
      interval: SLOT_MS,
      registry,
      run: async (ctx) => {
        tally.runs++
        if (Number(await redis.command('SADD', `${prefix}ledger`, `${name}@${ctx.scheduledAt}`)) === 0) tally.duplicates++
      },
    })
  }
  return registry
}

const registries = Array.from({ length: Number(callers) }, instance)
console.log('ready')
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break
await Promise.all(
  registries.map(async (registry) => {
    for (let slot = 0; slot < Number(slots); slot++) {
      const report = await tickOnce(registry, { now: BASE + slot * SLOT_MS, store })
      tally.contended += report.contended.length
      tally.shed += report.shed.length
    }
  }),
)
console.log(JSON.stringify(tally))
await redis.close()
process.exit(0)
