// Proves the Cloudflare adapters in REAL workerd: builds the Worker with
// esbuild, serves it with config.capnp (Durable Objects on a temp local disk,
// workerd's own Cron Trigger scheduler), and drives it over HTTP.
// Run: node examples/cloudflare-worker/test.mjs
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { assert, assertEqual, eventually, run, test } from '../harness.mjs'
import { freePort } from '../../scripts/free-port.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '../..')
// The binary itself: node_modules/.bin/workerd is a shell wrapper that does not exec, and killing it would orphan the server.
const workerd = join(root, 'node_modules/workerd/bin/workerd')
const MINUTE = 60_000
const TASKS = ['heartbeat', 'sync', 'rollup', 'cleanup']
const RANK = { critical: 0, high: 1, medium: 2, low: 3 }

// Workspace packages resolve to their sources through the `tickwork-source` export condition.
const workspacePackages = {
  name: 'tickwork-workspace',
  setup(builder) {
    builder.onResolve({ filter: /^@tickwork\/core(\/.*)?$/ }, (args) => {
      const manifest = JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8'))
      const subpath = `.${args.path.slice('@tickwork/core'.length)}`
      const target = manifest.exports[subpath]?.['tickwork-source']
      if (target === undefined) return { errors: [{ text: `@tickwork/core has no export ${subpath}` }] }
      return { path: join(root, 'packages/core', target) }
    })
  },
}

await build({
  plugins: [workspacePackages],
  entryPoints: [join(here, 'src/worker.ts')],
  outfile: join(here, 'dist/worker.js'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['tickwork-source'],
  mainFields: ['module', 'main'],
  external: ['cloudflare:workers'],
  logLevel: 'warning',
})


const disk = mkdtempSync(join(tmpdir(), 'tickwork-workerd-'))
const [httpPort, cronPort] = [await freePort(), await freePort()]
const base = `http://127.0.0.1:${httpPort}`
const cronBase = `http://127.0.0.1:${cronPort}`
let server
let log = ''

async function start() {
  server = spawn(workerd, ['serve', '--experimental', 'config.capnp', '-s', `http=127.0.0.1:${httpPort}`, '-s', `cron=127.0.0.1:${cronPort}`, '-d', `disk=${disk}`], {
    cwd: here,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise((resolve) => server.once('exit', resolve))
  server.exited = exited
  for (const stream of [server.stdout, server.stderr]) stream.on('data', (chunk) => (log += chunk))
  await eventually(async () => (await fetch(`${base}/health`).catch(() => undefined))?.ok, 'workerd to answer /health')
}

// Whatever happens to this script, the server it started goes with it.
process.on('exit', () => {
  if (server !== undefined && server.exitCode === null) server.kill('SIGKILL')
})

async function stop() {
  if (server === undefined || server.exitCode !== null) return
  server.kill('SIGTERM')
  const timer = setTimeout(() => server.kill('SIGKILL'), 5000)
  await server.exited
  clearTimeout(timer)
}

async function call(path, init) {
  const response = await fetch(`${base}${path}`, init)
  const body = await response.json()
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body)}`)
  return body
}
const tick = (time) => call(`/__test/scheduled?time=${time}`, { method: 'POST' })
const state = () => call('/__test/state')

let slot
let later

test('a real Cron Trigger calls scheduled() at its minute slot and the due tasks run, critical first', async () => {
  // workerd's cron scheduler (TEST_CLOCK) lets us move its planning clock to just before the next minute.
  const planned = await (await fetch(`${cronBase}/clock?advance=0`, { method: 'POST' })).json()
  slot = planned.at.MAIN
  assert(slot % MINUTE === 0, `the cron slot ${slot} is a minute boundary`)
  await fetch(`${cronBase}/clock?advance=${slot - planned.now - 200}`, { method: 'POST' })
  const { lastTick } = await eventually(async () => {
    const current = await state()
    return current.lastTick?.now === slot ? current : undefined
  }, `the Cron Trigger tick of ${new Date(slot).toISOString()}`)
  assertEqual(lastTick.ran[0], 'heartbeat', 'first run')
  assertEqual([...lastTick.ran, ...lastTick.shed].sort(), [...TASKS].sort(), 'every task ran or was shed')
})

test('a task over budget sheds the rest, low level first, and shed work stays due', async () => {
  // rollup takes 1100 ms against a 1000 ms budget: cleanup, after it, is always shed.
  const { lastTick } = await state()
  assert(lastTick.shed.includes('cleanup'), `cleanup shed, got ${JSON.stringify(lastTick.shed)}`)
  assertEqual(lastTick.nextDueAt, slot, 'next due (shed work is due at once)')
  later = slot + 10 * MINUTE
  const report = await tick(later)
  assert(report.summaries.some((r) => r.name === 'rollup'), 'rollup ran')
  assert(report.shed.some((t) => t.name === 'cleanup'), `cleanup shed at ${later}`)
  const ranks = report.shed.map((t) => RANK[t.level])
  assertEqual(ranks, [...ranks].sort((a, b) => b - a), 'shed order (low first)')
  assertEqual(report.nextDueAt, later, 'next due')
})

test('ticks redelivered for one slot run each task once: shed work first, then nothing', async () => {
  const seen = new Map()
  let report
  for (let delivery = 0; delivery < 5; delivery++) {
    report = await tick(later)
    for (const r of report.summaries) seen.set(r.name, (seen.get(r.name) ?? 0) + 1)
    if (report.summaries.length === 0 && report.shed.length === 0) break
  }
  assertEqual(report.summaries, [], 'runs of the last redelivery')
  assertEqual(report.shed, [], 'shed in the last redelivery')
  assert([...seen.values()].every((count) => count === 1), `no task ran twice: ${JSON.stringify([...seen])}`)
  assertEqual(report.nextDueAt, later + MINUTE, 'next due')
})

test('state survives in Durable Object storage across a workerd restart', async () => {
  const before = (await state()).tasks
  await stop()
  await start()
  const report = await tick(later)
  assertEqual(report.summaries, [], 'runs after restart for an already-run slot')
  const after = (await state()).tasks
  for (const name of TASKS) assertEqual(after[name].totalRuns, before[name].totalRuns, `${name} totalRuns after restart`)
  assert(after.heartbeat.totalRuns >= 2, 'heartbeat ran in two slots')
  const next = await tick(later + MINUTE)
  assertEqual(next.summaries[0]?.name, 'heartbeat', 'the next slot runs again')
  assertEqual((await state()).tasks.heartbeat.totalRuns, before.heartbeat.totalRuns + 1, 'heartbeat totalRuns')
})

test('a Durable Object alarm ticks a sub-minute task and re-arms itself to the next due time', async () => {
  const at = Date.now() + 1000
  assertEqual((await call(`/__test/alarm/arm?at=${at}`, { method: 'POST' })).at, at, 'armed')
  const first = await eventually(async () => {
    const current = await call('/__test/alarm/state')
    return current.lastTick?.now >= at ? current : undefined
  }, 'the first alarm')
  assertEqual(first.lastTick.ran, ['pulse'], 'ran on the alarm')
  // pulse runs every 2 s: the one alarm is re-armed to the tick's next due time.
  assertEqual(first.alarm, first.lastTick.now + 2000, 'alarm re-armed')
  assertEqual(first.lastTick.nextDueAt, first.alarm, 'alarm is the next due time')
  const second = await eventually(async () => {
    const current = await call('/__test/alarm/state')
    return current.lastTick?.now >= at + 2000 ? current : undefined
  }, 'the re-armed alarm')
  assert(second.pulse.totalRuns >= 2, `pulse ran on the re-armed alarm, totalRuns ${second.pulse.totalRuns}`)
  assertEqual(second.pulse.lastSummary.message, `pulse for ${second.lastTick.now}`, 'ran for the alarm slot')
})

let counts = { passed: 0, failed: 1 }
try {
  await start()
  counts = await run('cloudflare worker in workerd')
} catch (error) {
  console.log(`workerd example could not run: ${error.message}`)
  console.log('0 passed, 1 failed')
} finally {
  await stop()
  rmSync(disk, { recursive: true, force: true })
}
if (counts.failed > 0) console.log(`--- workerd log ---\n${log.slice(-4000)}`)
process.exit(counts.failed > 0 ? 1 : 0)
