// Wall-clock jump, one round in its own process: 10 ms jobs run
// side by side for 1 s, then the wall clock is set back one hour (Date.now
// and new Date() both, see wall-clock.mjs) and the runs of the next 3 s are
// counted. A scheduler that keeps its deadlines in wall time freezes for an
// hour (0 runs) or, set forward, bursts; one on monotonic time runs on as a
// raw setTimeout loop does. croner (1 s pattern, wall-anchored by design) is
// shown with its own expectation: ~3 runs.
import { stepWallClock } from './wall-clock.mjs'
import { Cron } from 'croner'
import { createTask, fixedRate, TaskRegistry } from '@tickwork/core'
import * as toad from 'toad-scheduler'

const INTERVAL = 10
const WARMUP_MS = 1000
const WINDOW_MS = Number(process.argv[2] ?? 3000)
const counts = { 'tickwork fixed-delay': 0, 'tickwork fixed-rate': 0, 'raw setTimeout loop': 0, 'toad-scheduler': 0, 'croner (1 s pattern)': 0 }
let counting = false
const count = (name) => {
  if (counting) counts[name]++
}

const registry = new TaskRegistry()
createTask({ name: 'delay', interval: INTERVAL, registry, run: () => count('tickwork fixed-delay') })
createTask({ name: 'rate', schedule: fixedRate(INTERVAL), registry, run: () => count('tickwork fixed-rate') })
registry.startAll()

let rawHandle
const raw = () => {
  count('raw setTimeout loop')
  rawHandle = setTimeout(raw, INTERVAL)
}
rawHandle = setTimeout(raw, INTERVAL)

const scheduler = new toad.ToadScheduler()
scheduler.addSimpleIntervalJob(new toad.SimpleIntervalJob({ milliseconds: INTERVAL }, new toad.Task('toad', () => count('toad-scheduler'))))
const cron = new Cron('* * * * * *', () => count('croner (1 s pattern)'))

await new Promise((resolve) => setTimeout(resolve, WARMUP_MS))
stepWallClock(-3_600_000)
counting = true
await new Promise((resolve) => setTimeout(resolve, WINDOW_MS))
counting = false
clearTimeout(rawHandle)
scheduler.stop()
cron.stop()
await registry.stopAll()
console.log(JSON.stringify({ windowMs: WINDOW_MS, intervalMs: INTERVAL, stepMs: -3_600_000, runs: counts }))
