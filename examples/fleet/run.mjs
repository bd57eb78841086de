// Starts a private Redis and three instances of the fleet example, then
// shows a takeover: a few seconds after it starts running, the instance running the task is
// stopped (SIGTERM) and another one carries on. Ctrl-C stops everything.
// Usage: node examples/fleet/run.mjs [--for <ms>]  (--for: stop by itself after that long)
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startRedis } from '../../scripts/servers/redis.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const forArg = process.argv.indexOf('--for')
const runFor = forArg > 0 ? Number(process.argv[forArg + 1]) : undefined

const redis = await startRedis()
console.log(`redis: ${redis.url}`)
let runner
const instances = ['web-1', 'web-2', 'web-3'].map((name) => {
  // The example's sources run as they are: tsx compiles them, the tickwork-source condition points at the core's sources.
  const child = spawn(process.execPath, ['--conditions=tickwork-source', '--import', 'tsx', 'examples/fleet/instance.ts'], {
    cwd: root,
    env: { ...process.env, INSTANCE: name, REDIS_URL: redis.url },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let pending = ''
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) {
      console.log(line)
      // The first runner is stopped a few seconds after it starts running, to show a takeover.
      if (line === `${name}: runs here` && runner === undefined) {
        runner = child
        setTimeout(() => {
          console.log(`run.mjs: stopping ${name}, which runs the task (SIGTERM)`)
          child.kill('SIGTERM')
        }, 2_500)
      }
    }
  })
  return { name, child, exited: new Promise((resolve) => child.on('exit', resolve)) }
})

const stopAll = async () => {
  for (const { child } of instances) child.kill('SIGTERM')
  await Promise.all(instances.map(({ exited }) => exited))
  await redis.stop()
  console.log('fleet stopped')
  process.exit(0)
}
process.once('SIGINT', stopAll)
process.once('SIGTERM', stopAll)

if (runFor !== undefined) setTimeout(stopAll, runFor)
