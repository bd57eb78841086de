/**
 * One instance of a small fleet: every instance defines the same task, and
 * the Redis lease makes it run on one instance at a time. The others are
 * standbys; when the runner stops (SIGTERM) or dies, one of them takes over.
 *
 * Run all three with Redis: node examples/fleet/run.mjs
 */
import process from 'node:process'
import { Redis } from 'ioredis'
import { createTask } from '@tickwork/core'
import { installShutdown } from '@tickwork/core/shutdown'
import { redisLease } from '@tickwork/core/redis'

const name = process.env.INSTANCE ?? `instance-${process.pid}`
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')

const report = createTask({
  name: 'hourly-report',
  interval: 200,
  exclusive: redisLease(redis, { ttlMs: 1_500, holderId: name }),
  run: async ({ fence }) => {
    // The fencing token travels with the work, so a stale runner's writes can be refused.
    const count = await redis.incr('example:reports')
    console.log(`${name}: report #${count} (fence ${fence})`)
  },
})

// Say who runs the task whenever that changes: "runs here", "runs on <holder>" or "standby".
let shown = ''
report.subscribe((event) => {
  if (event.type !== 'stateChanged') return
  const runner = report.status().runner
  const said = runner?.role === 'this' ? 'runs here' : runner?.role === 'other' ? `runs on ${runner.holder}` : 'standby'
  if (said !== shown) console.log(`${name}: ${(shown = said)}`)
})

report.start()
// SIGTERM stops the task, which releases the lease at once; then the connection closes.
installShutdown(undefined, { hooks: [() => redis.quit().then(() => {})] })
console.log(`${name}: started`)
