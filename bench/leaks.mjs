// Item 5 (child process, --expose-gc): what 10^6 cycles leave behind.
// - 10^6 sleeps each aborted through its own signal, on the system clock;
// - 10^6 sleeps completed on one long-lived, app-wide signal;
// - 10^6 runs of a task with a timeout whose run sleeps on that same signal.
// Reports listeners left on the long-lived signal, entries left in the timer
// queues, and heap retained after a full GC against a warmed-up baseline.
import { getEventListeners, setMaxListeners } from 'node:events'
import { createTask, sleep, systemClock, TaskRegistry } from '@tickwork/core'
import { timerQueueFor } from '@tickwork/core/testing'
import { leanClock } from './lib/clocks.mjs'
import { heapAfterGc as heap, requireGc } from './lib/heap.mjs'

requireGc()

const appSignal = new AbortController().signal
setMaxListeners(0, appSignal)

const reason = new Error('cycle done')

async function sleepAbortCycles(count) {
  // An app has other waits pending; one long sleep keeps the queue non-empty,
  // so the cycles measure the entries and listeners, not arming the OS timer.
  const other = new AbortController()
  const pending = sleep(3_600_000, other.signal)
  for (let i = 0; i < count; i++) {
    const controller = new AbortController()
    const sleeping = sleep(60_000, controller.signal)
    // A shared reason: abort() without one builds a DOMException with a stack, which is Node's cost, not ours.
    controller.abort(reason)
    await sleeping
  }
  other.abort()
  await pending
}

async function completedSleeps(clock, count) {
  // Small batches: removing a listener from an EventTarget holding n of them costs O(n) in Node.
  const batch = 10
  for (let i = 0; i < count; i += batch) {
    const sleeping = []
    for (let j = 0; j < batch; j++) sleeping.push(sleep(1, appSignal, { clock }))
    while (clock.fireNext());
    await Promise.all(sleeping)
  }
}

let failedRuns = 0

async function taskRuns(clock, registry, count) {
  let done = 0
  const task = createTask({
    name: `leak-${Math.random()}`,
    interval: 1,
    timeout: 1_000,
    registry,
    logger: { warn: (...args) => console.error(...args) },
    run: async ({ signal }) => {
      signal.aborted // makes the run's AbortController
      await sleep(0, appSignal, { clock })
      done++
    },
  })
  task.start()
  // Let the promise turns of a run settle between two wake-ups, or virtual
  // time would jump to the run's timeout before its sleep's continuation ran.
  while (done < count) {
    clock.fireNext()
    for (let turn = 0; turn < 12; turn++) await null
  }
  failedRuns += task.status().failedRuns
  await task.stop()
  registry.unregister(task.name)
}

const cycles = Number(process.argv[2] ?? 1_000_000)
const clock = leanClock()
const registry = new TaskRegistry({ clock, logger: { warn: (...args) => console.error(...args) } })
// Warm up every path so JIT code and lazily made structures are in the baseline.
await sleepAbortCycles(10_000)
await completedSleeps(clock, 10_000)
await taskRuns(clock, registry, 10_000)
const baseline = heap()
const started = performance.now()
const phaseSeconds = {}
for (const [name, phase] of [
  ['sleepAbort', () => sleepAbortCycles(cycles)],
  ['completedSleeps', () => completedSleeps(clock, cycles)],
  ['taskRuns', () => taskRuns(clock, registry, cycles)],
]) {
  const phaseStart = performance.now()
  await phase()
  phaseSeconds[name] = (performance.now() - phaseStart) / 1000
}
const seconds = (performance.now() - started) / 1000
const retained = heap() - baseline
console.log(
  JSON.stringify({
    cycles,
    listenersLeft: getEventListeners(appSignal, 'abort').length,
    systemQueueEntries: timerQueueFor(systemClock).size,
    virtualQueueEntries: timerQueueFor(clock).size,
    armedTimers: clock.armed,
    failedRuns,
    retainedBytes: retained,
    seconds,
    phaseSeconds,
  }),
)
