// Fleet bench on a private redis-server: the cost of a Redis lease and of a
// tick claim, for 1,000 tasks in 4 processes (the same task names in each).
// Rows: lease upkeep (renewals by holders, retries by standbys) per task and
// second, in engine round trips and µs; tick cost per run, in round trips and
// CPU µs. A measurement, not a test: nothing here passes or fails.
//   node bench/fleet.mjs [--tasks 1000] [--processes 4] [--window 5000] [--slots 5]
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startRedis } from '../scripts/servers/redis.mjs'
import { renderTable, row } from './lib/table.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? Number(process.argv[at + 1]) : fallback
}
const TASKS = option('tasks', 1_000)
const PROCESSES = option('processes', 4)
const WINDOW_MS = option('window', 5_000)
const SLOTS = option('slots', 5)
const TTL_MS = 3_000

function child(url, mode, amount) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/fleet/child.ts', url, mode, String(TASKS), String(amount), String(TTL_MS)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    proc.stdout.on('data', (chunk) => (stdout += chunk))
    proc.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').pop())) : reject(new Error(`${mode} child exited ${code}`))))
  })
}
const sum = (results, field) => results.reduce((total, result) => total + result[field], 0)

const redis = await startRedis()
try {
  const leases = await Promise.all(Array.from({ length: PROCESSES }, () => child(redis.url, 'lease', WINDOW_MS)))
  const ticks = await Promise.all(Array.from({ length: PROCESSES }, () => child(redis.url, 'tick', SLOTS)))
  const leaseCalls = sum(leases, 'calls')
  const perTaskSecond = leaseCalls / TASKS / (WINDOW_MS / 1000)
  const runs = sum(ticks, 'ops')
  const rows = [
    row('fleet', `lease upkeep, ${TASKS} tasks × ${PROCESSES} processes, ttl ${TTL_MS} ms`, `${perTaskSecond.toFixed(2)} round trips per task per second (each process: one renewal or standby retry per ttl/3)`),
    row('fleet', 'one lease renewal or retry', `1 round trip, ${(sum(leases, 'cpuUs') / leaseCalls).toFixed(1)} µs CPU`),
    // Slow answers (a loaded machine, 1,000 renewals in one burst) show up here first.
    row('fleet', 'lease holdings lost / outage warnings (whole run)', `${sum(leases, 'lost')} / ${sum(leases, 'warnings')}`),
    row('fleet', `tick claim, ${TASKS} tasks × ${PROCESSES} processes × ${SLOTS} slots (${runs} runs, each once)`, `${(sum(ticks, 'calls') / runs).toFixed(1)} round trips per run, ${(sum(ticks, 'cpuUs') / runs).toFixed(0)} µs CPU per run (all processes)`),
  ]
  console.log(renderTable(rows))
  } finally {
  await redis.stop()
}
