// Item 3, one contender at one size, in its own process (run with --expose-gc):
// N tasks at 1 Hz, first runs spread evenly over one second. Measures the
// heap per idle (started, waiting) task, the time to start and to stop them
// all, then over a window the CPU time per run and the lateness of every run
// against its true due time (the real end of its previous run + 1 s, in
// performance.now()).
// Usage: node --expose-gc child.mjs <tickwork|setTimeout|toad> <tasks> <windowMs>
import { createTask, TaskRegistry } from '@tickwork/core'
import * as toad from 'toad-scheduler'
import { heapAfterGc as heapUsed, requireGc } from '../lib/heap.mjs'
import { summarize } from '../lib/stats.mjs'

const [kind, countArg, windowArg] = process.argv.slice(2)
const count = Number(countArg)
const windowMs = Number(windowArg)
const PERIOD = 1000
// First runs start after the heap is measured (a full GC of 100k tasks takes a while).
const FIRST_RUN = 500
const now = () => performance.now()

requireGc()

// Harness state, made before the heap baseline so no contender is charged for it.
const names = Array.from({ length: count }, (_, i) => `task-${i}`)
const indexOf = new Map(names.map((name, i) => [name, i]))
const dueAt = new Float64Array(count)
const late = new Float64Array(Math.ceil(count * (windowMs / PERIOD + 2)))
let runs = 0
let recorded = 0
let recording = false
/** One run of task `i` starts: its lateness against the true due time. */
const begin = (i) => {
  runs++
  if (recording && recorded < late.length) late[recorded++] = now() - dueAt[i]
}
const firstDelay = (i) => FIRST_RUN + (i * PERIOD) / count

/** tickwork: one registry on the default clock. Returns stopAll. */
function startTickwork(result) {
  const registry = new TaskRegistry()
  // One shared run function (as a user with many alike tasks writes it): the name says which task.
  const run = ({ name }) => {
    const i = indexOf.get(name)
    begin(i)
    dueAt[i] = now() + PERIOD
  }
  for (let i = 0; i < count; i++) createTask({ name: names[i], interval: PERIOD, initialDelay: firstDelay(i), registry, run })
  const started = now()
  for (let i = 0; i < count; i++) dueAt[i] = started + firstDelay(i)
  registry.startAll()
  result.startMs = now() - started
  return async () => {
    const stopping = now()
    await registry.stopAll()
    return now() - stopping
  }
}

/** The baseline: each task re-arms its own setTimeout at the end of its run. Returns stopAll. */
function startTimers(result) {
  const handles = new Array(count)
  const ticks = names.map((_, i) => {
    const tick = () => {
      begin(i)
      dueAt[i] = now() + PERIOD
      handles[i] = setTimeout(tick, PERIOD)
    }
    return tick
  })
  // Only arming is timed, as startAll() only arms tasks that already exist.
  const started = now()
  for (let i = 0; i < count; i++) {
    dueAt[i] = started + firstDelay(i)
    handles[i] = setTimeout(ticks[i], firstDelay(i))
  }
  result.startMs = now() - started
  return async () => {
    const stopping = now()
    for (let i = 0; i < count; i++) clearTimeout(handles[i])
    return now() - stopping
  }
}

/**
 * toad-scheduler: one SimpleIntervalJob (a setInterval) per task. It has no
 * initial delay, so jobs are added in 100 batches over one second; the start
 * time is the time spent adding them. Lateness is against the previous start
 * + 1 s, what setInterval promises.
 */
async function startToad(result) {
  const scheduler = new toad.ToadScheduler()
  const jobs = names.map((name, i) => {
    const task = new toad.Task(name, () => {
      const start = now()
      begin(i)
      dueAt[i] = start + PERIOD
    })
    return new toad.SimpleIntervalJob({ milliseconds: PERIOD }, task, { id: name })
  })
  let adding = 0
  const batch = Math.ceil(count / 100)
  const whole = now()
  for (let first = 0; first < count; first += batch) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, whole + FIRST_RUN - PERIOD + (first * PERIOD) / count - now())))
    const started = now()
    for (let i = first; i < Math.min(count, first + batch); i++) {
      dueAt[i] = now() + PERIOD
      scheduler.addSimpleIntervalJob(jobs[i])
    }
    adding += now() - started
  }
  result.startMs = adding
  return async () => {
    const stopping = now()
    scheduler.stop()
    return now() - stopping
  }
}

const result = { kind, count, windowMs }
const before = heapUsed()
const starters = { tickwork: startTickwork, setTimeout: startTimers, toad: startToad }
if (starters[kind] === undefined) throw new Error(`unknown contender ${JSON.stringify(kind)}: tickwork, setTimeout or toad`)
const stopAll = await starters[kind](result)
result.heapPerTaskBytes = (heapUsed() - before) / count
// Let the first round of runs (and its JIT warm-up) pass, then measure.
await new Promise((resolve) => setTimeout(resolve, FIRST_RUN + PERIOD))
const runsBefore = runs
recording = true
const cpuBefore = process.cpuUsage()
await new Promise((resolve) => setTimeout(resolve, windowMs))
const cpu = process.cpuUsage(cpuBefore)
recording = false
result.runs = runs - runsBefore
result.cpuUsPerRun = (cpu.user + cpu.system) / result.runs
result.lateness = summarize(late.subarray(0, recorded))
result.stopMs = await stopAll()
console.log(JSON.stringify(result))
