// One process of the fleet bench: `lease` opens one Redis lease session per
// task (the same task names in every process) and measures a steady window of
// renewals and standby retries; `tick` ticks the same tasks through a Redis
// tick store for a few slots. Counts every engine round trip (each script
// call) and this process's CPU time. Prints one JSON line.
// Args: <redis url> lease|tick <tasks> <window ms | slots> <ttl ms>
import { Redis } from 'ioredis'
import { systemClock } from '../../packages/core/src/clock.ts'
import { createTask } from '../../packages/core/src/create-task.ts'
import { redisLease, redisTickStore } from '../../packages/core/src/redis/index.ts'
import { TaskRegistry } from '../../packages/core/src/task-registry.ts'
import { tick } from '../../packages/core/src/tick/index.ts'

const [url, mode, tasks, amount, ttl] = process.argv.slice(2) as [string, 'lease' | 'tick', string, string, string]
const names = Array.from({ length: Number(tasks) }, (_, index) => `task-${index}`)
const redis = new Redis(url)
const counter = { calls: 0 }

/** The client with every script call counted: one call is one round trip. */
const counted = new Proxy(redis, {
  get(target, property, receiver) {
    const value = Reflect.get(target, property, receiver)
    if (property !== 'eval' && property !== 'evalsha') return value
    return (...args: unknown[]) => {
      counter.calls++
      return (value as (...inner: unknown[]) => Promise<unknown>).apply(target, args)
    }
  },
})
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const measure = async (work: () => Promise<number>) => {
  counter.calls = 0
  const cpu = process.cpuUsage()
  const ops = await work()
  const used = process.cpuUsage(cpu)
  return { ops, calls: counter.calls, cpuUs: used.user + used.system }
}

let result: Record<string, number>
if (mode === 'lease') {
  const lease = redisLease(counted, { ttlMs: Number(ttl), prefix: 'bench:' })
  let warnings = 0
  let lost = 0
  const events = { changed: () => {}, lost: () => void lost++, logger: { warn: () => void warnings++ }, clock: systemClock }
  const sessions = names.map((name) => lease.open(name, events))
  // Let the acquisitions settle: the window then holds renewals (holders) and retries (standbys).
  await sleep(Number(ttl))
  result = await measure(async () => {
    await sleep(Number(amount))
    return 0
  })
  Object.assign(result, { warnings, lost })
  await Promise.all(sessions.map((session) => session.close()))
} else {
  const registry = new TaskRegistry()
  for (const name of names) createTask({ name, interval: 60_000, registry, run: () => {} })
  const store = redisTickStore(counted, { prefix: 'bench:' })
  result = await measure(async () => {
    let runs = 0
    for (let slot = 0; slot < Number(amount); slot++) runs += (await tick(registry, { now: Date.UTC(2026, 0, 1) + slot * 60_000, store })).summaries.length
    return runs
  })
}
console.log(JSON.stringify(result))
redis.disconnect()
process.exit(0)
