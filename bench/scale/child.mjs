// Item 3, one contender at one size, in its own process (run with --expose-gc):
// N tasks at 1 Hz, starts staggered evenly over one second. Measures the heap
// per idle (started, waiting) task, the time to start and to stop them all,
// then over a window the CPU time per run and the lateness of every run.
// Usage: node --expose-gc child.mjs <tickwork|setTimeout> <tasks> <windowMs>
import { createTask, TaskRegistry } from '@tickwork/core'
import { msClock, preciseNow } from '../lib/clocks.mjs'
import { summarize } from '../lib/stats.mjs'

const [kind, countArg, windowArg] = process.argv.slice(2)
const count = Number(countArg)
const windowMs = Number(windowArg)
const PERIOD = 1000
// First runs start after the heap is measured (a full GC of 100k tasks takes a while).
const FIRST_RUN = 400

const gc = globalThis.gc
if (typeof gc !== 'function') throw new Error('run with --expose-gc')

const late = new Float64Array(Math.ceil(count * (windowMs / PERIOD + 2)))
let runs = 0
let recording = false
const record = (ms) => {
  runs++
  if (recording && runs < late.length) late[runs] = ms
}

function heapUsed() {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

/** tickwork: one registry, one shared timer. Returns stopAll. */
function startTickwork(base) {
  const registry = new TaskRegistry({ clock: msClock })
  const run = ({ scheduledAt }) => record(preciseNow() - scheduledAt)
  for (let i = 0; i < count; i++) {
    createTask({ name: `task-${i}`, interval: PERIOD, initialDelay: FIRST_RUN + (i * PERIOD) / count, registry, run })
  }
  const started = preciseNow()
  registry.startAll()
  base.startMs = preciseNow() - started
  return async () => {
    const stopping = preciseNow()
    await registry.stopAll()
    return preciseNow() - stopping
  }
}

/** The baseline: each task re-arms its own setTimeout. Returns stopAll. */
function startTimers(base) {
  const tasks = []
  const started = preciseNow()
  for (let i = 0; i < count; i++) {
    const task = { due: 0, handle: undefined }
    const tick = () => {
      record(preciseNow() - task.due)
      task.due = preciseNow() + PERIOD
      task.handle = setTimeout(tick, PERIOD)
    }
    const delay = FIRST_RUN + (i * PERIOD) / count
    task.due = preciseNow() + delay
    task.handle = setTimeout(tick, delay)
    tasks.push(task)
  }
  base.startMs = preciseNow() - started
  return async () => {
    const stopping = preciseNow()
    for (const task of tasks) clearTimeout(task.handle)
    return preciseNow() - stopping
  }
}

const result = { kind, count, windowMs }
const before = heapUsed()
const stopAll = kind === 'tickwork' ? startTickwork(result) : startTimers(result)
result.heapPerTaskBytes = (heapUsed() - before) / count
// Let the first round of runs (and its JIT warm-up) pass, then measure.
await new Promise((resolve) => setTimeout(resolve, FIRST_RUN + PERIOD))
const runsBefore = runs
recording = true
const cpuBefore = process.cpuUsage()
await new Promise((resolve) => setTimeout(resolve, windowMs))
const cpu = process.cpuUsage(cpuBefore)
recording = false
const measured = runs - runsBefore
result.runs = measured
result.cpuUsPerRun = (cpu.user + cpu.system) / measured
result.lateness = summarize(late.subarray(runsBefore + 1, Math.min(runs, late.length - 1) + 1))
result.stopMs = await stopAll()
console.log(JSON.stringify(result))
