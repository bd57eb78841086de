#!/usr/bin/env node
// The long soak: 100,000 runs across 100 tasks on the real system
// clock, with 30 % failures, 5 % timeouts and 1 % irrecoverable errors drawn
// from a seeded random stream. It checks that:
//   - no promise rejection goes unhandled and no exception goes uncaught;
//   - every task's stats match the injected outcomes exactly;
//   - heap after GC grows < 1 MB between the 20,000th and the 100,000th run.
// Prints its figures, a PASS/FAIL line and `N passed, N failed`; exits 1 on FAIL.
//
//   node bench/soak.mjs [--runs 100000] [--tasks 100] [--seed 8]
//
// It re-runs itself with --expose-gc, the `tickwork-source` condition and tsx,
// so it needs no build step.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    tasks: { type: 'string', default: '100' },
    seed: { type: 'string', default: '8' },
    child: { type: 'boolean', default: false },
  },
})

if (!args.child) {
  const tsx = import.meta.resolve('tsx')
  const forwarded = process.argv.slice(2)
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--conditions=tickwork-source', '--import', tsx, fileURLToPath(import.meta.url), '--child', ...forwarded],
    { stdio: 'inherit' },
  )
  process.exit(result.status ?? 1)
}

const { createTask, IrrecoverableError, TaskRegistry } = await import('@tickwork/core')
const { seeded } = await import('./lib/clocks.mjs')

const TOTAL_RUNS = Number(args.runs)
const TASKS = Number(args.tasks)
const RUNS_PER_TASK = Math.ceil(TOTAL_RUNS / TASKS)
const SEED = Number(args.seed)
const MEASURE_AT = Math.round(TOTAL_RUNS / 5)
const HEAP_LIMIT = 1024 * 1024
const INTERVAL_MS = 1
const TIMEOUT_MS = 15

// Outcome codes. Failures come in four shapes so every recording path is soaked.
const OK_SYNC = 0
const OK_ASYNC = 1
const OK_RESULT = 2
const FAIL_THROW = 3
const FAIL_REJECT = 4
const FAIL_RESULT = 5
const FAIL_STRING = 6
const TIMEOUT = 7
const IRRECOVERABLE = 8


function draw(next) {
  const r = next()
  if (r < 0.01) return IRRECOVERABLE
  if (r < 0.06) return TIMEOUT
  if (r < 0.36) return FAIL_THROW + Math.floor(next() * 4)
  return OK_SYNC + Math.floor(next() * 3)
}

// Every outcome is drawn up front, per task and run index, so the expected
// stats do not depend on how runs interleave.
const next = seeded(SEED) // mulberry32: a failing soak replays exactly
const plan = Array.from({ length: TASKS }, () => Uint8Array.from({ length: RUNS_PER_TASK }, () => draw(next)))
const expected = plan.map((outcomes) => {
  const count = (code) => outcomes.filter((o) => o === code).length
  return {
    failed: outcomes.filter((o) => o >= FAIL_THROW).length,
    timeouts: count(TIMEOUT),
    irrecoverable: count(IRRECOVERABLE),
  }
})
const injected = expected.reduce((sum, e) => ({ failed: sum.failed + e.failed, timeouts: sum.timeouts + e.timeouts, irrecoverable: sum.irrecoverable + e.irrecoverable }), { failed: 0, timeouts: 0, irrecoverable: 0 })

let unhandled = 0
let uncaught = 0
process.on('unhandledRejection', () => unhandled++)
process.on('uncaughtException', () => uncaught++)

const registry = new TaskRegistry({ logger: { warn: () => {} } })
const seen = plan.map(() => ({ finished: 0, timeouts: 0, irrecoverable: 0, failed: 0 }))
let finished = 0
let holding = false

function body(outcome, ctx) {
  switch (outcome) {
    case OK_SYNC:
      return undefined
    case OK_ASYNC:
      return Promise.resolve('ok')
    case OK_RESULT:
      return { message: 'ok', extra: { n: ctx.runIndex, ok: true } }
    case FAIL_THROW:
      throw new Error('injected failure')
    case FAIL_REJECT:
      // Microtasks only: a timer here could outlast the timeout on a loaded machine.
      return Promise.resolve().then(() => Promise.reject(new TypeError('injected rejection')))
    case FAIL_RESULT:
      return { success: false, message: 'injected result failure' }
    case FAIL_STRING:
      throw 'injected string'
    case TIMEOUT:
      // Hangs until the task's timeout aborts the signal.
      return new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }))
    case IRRECOVERABLE:
      throw new IrrecoverableError('injected irrecoverable')
  }
  throw new Error(`unknown outcome ${outcome}`)
}

const tasks = plan.map((outcomes, index) => {
  const task = createTask({
    name: `soak-${index}`,
    interval: INTERVAL_MS,
    timeout: TIMEOUT_MS,
    level: ['critical', 'high', 'medium', 'low'][index % 4],
    registry,
    logger: { warn: () => {} },
    run: (ctx) => body(outcomes[ctx.runIndex], ctx),
  })
  const mine = seen[index]
  task.subscribe((event) => {
    if (event.type === 'runFinished') {
      finished++
      mine.finished++
      const { summary } = event
      if (!summary.success) mine.failed++
      if (summary.error?.name === 'TimeoutError') mine.timeouts++
      if (summary.error?.name === 'IrrecoverableError') mine.irrecoverable++
      if (mine.finished === RUNS_PER_TASK) void task.stop({ timeout: 1000 })
    }
    // An irrecoverable error ends the loop: the soak restarts it, as an app's supervisor would.
    if (event.type === 'stateChanged' && event.state === 'failed' && mine.finished < RUNS_PER_TASK && !holding) {
      queueMicrotask(() => task.start())
    }
  })
  return task
})

const realWait = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Heap after GC, with every task held and no run in flight, so both samples see the same live state. */
async function quiescentHeap() {
  holding = true
  for (const task of tasks) task.pause()
  while (tasks.some((task) => task.state === 'running')) await realWait(5)
  for (let i = 0; i < 3; i++) {
    globalThis.gc()
    await realWait(10)
  }
  globalThis.gc()
  const heap = process.memoryUsage().heapUsed
  holding = false
  return heap
}

const started = performance.now()
for (const task of tasks) task.start()

while (finished < MEASURE_AT) await realWait(5)
const heapAt = finished
const heapFirst = await quiescentHeap()
for (const task of tasks) {
  if (task.state === 'failed' && seen[tasks.indexOf(task)].finished < RUNS_PER_TASK) task.start()
  else task.resume()
}

while (tasks.some((task) => task.isRunning || task.state === 'running')) await realWait(10)
const elapsedMs = performance.now() - started
const heapLast = await quiescentHeap()
await realWait(20)

const checks = []
const check = (name, ok, detail) => checks.push({ name, ok, detail })

const mismatches = []
tasks.forEach((task, index) => {
  const status = task.status()
  const want = expected[index]
  const got = seen[index]
  if (status.totalRuns !== RUNS_PER_TASK || status.failedRuns !== want.failed || got.timeouts !== want.timeouts || got.irrecoverable !== want.irrecoverable) {
    mismatches.push(`${task.name}: totalRuns ${status.totalRuns}/${RUNS_PER_TASK}, failedRuns ${status.failedRuns}/${want.failed}, timeouts ${got.timeouts}/${want.timeouts}, irrecoverable ${got.irrecoverable}/${want.irrecoverable}`)
  }
  if (status.successRate !== (status.totalRuns - status.failedRuns) / status.totalRuns) mismatches.push(`${task.name}: successRate ${status.successRate}`)
  if (task.history.length > 50) mismatches.push(`${task.name}: history ${task.history.length} > 50`)
})

const growth = heapLast - heapFirst
check('runs', finished === RUNS_PER_TASK * TASKS, `${finished} runs finished (planned ${RUNS_PER_TASK * TASKS})`)
check('stats match the injected outcomes', mismatches.length === 0, mismatches.length === 0 ? `${TASKS} tasks exact` : mismatches.slice(0, 5).join('; '))
check('unhandled rejections', unhandled === 0, `${unhandled}`)
check('uncaught exceptions', uncaught === 0, `${uncaught}`)
check('heap growth after GC < 1 MB', growth < HEAP_LIMIT, `${(growth / 1024).toFixed(1)} KiB between run ${heapAt} and run ${finished}`)

const totalFailed = seen.reduce((sum, s) => sum + s.failed, 0)
const totalTimeouts = seen.reduce((sum, s) => sum + s.timeouts, 0)
const totalIrrecoverable = seen.reduce((sum, s) => sum + s.irrecoverable, 0)
console.log(`soak: ${finished} runs across ${TASKS} tasks in ${(elapsedMs / 1000).toFixed(1)} s (seed ${SEED}, real clock, interval ${INTERVAL_MS} ms, timeout ${TIMEOUT_MS} ms)`)
console.log(`  injected: ${injected.failed} failed runs (${((injected.failed / finished) * 100).toFixed(1)} %), of which ${injected.timeouts} timeouts and ${injected.irrecoverable} irrecoverable`)
console.log(`  recorded: ${totalFailed} failed runs, ${totalTimeouts} TimeoutError, ${totalIrrecoverable} IrrecoverableError`)
console.log(`  heap after GC: ${(heapFirst / 1048576).toFixed(2)} MiB at run ${heapAt}, ${(heapLast / 1048576).toFixed(2)} MiB at run ${finished}: ${growth >= 0 ? '+' : ''}${(growth / 1024).toFixed(1)} KiB`)
console.log(`  unhandled rejections: ${unhandled}, uncaught exceptions: ${uncaught}`)
for (const { name, ok, detail } of checks) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`)
const failedChecks = checks.filter((c) => !c.ok).length
console.log(failedChecks === 0 ? 'PASS' : 'FAIL')
console.log(`${checks.length - failedChecks} passed, ${failedChecks} failed`)
process.exit(failedChecks === 0 ? 0 : 1)
