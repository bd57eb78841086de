// Item 4, in its own process (--expose-gc): 10^6 runs of one task
// with the DEFAULT history, on a lean virtual clock (no real waiting, so it
// takes seconds). The heap after a full GC is read at run 10^5 and at run
// 10^6: a history that keeps a bounded ring of numbers grows by nothing in
// between; one that kept objects per run would show it here.
// Usage: node --expose-gc child.mjs [totalRuns] [firstMark]
import { createTask, TaskRegistry } from '@tickwork/core'
import { leanClock } from '../lib/clocks.mjs'
import { heapAfterGc as heap, requireGc } from '../lib/heap.mjs'

const total = Number(process.argv[2] ?? 1_000_000)
const mark = Number(process.argv[3] ?? total / 10)
requireGc()

const clock = leanClock(1_700_000_000_000)
const registry = new TaskRegistry({ clock })
let done = 0
// The commonest run: returns nothing. A registry listener too, as the devtools panel has one.
registry.subscribe(() => {})
const task = createTask({ name: 'history', interval: 1, registry, run: () => void done++ })
task.start()

/** Runs until `runs` runs are done: a run settles in a few promise turns, then the next wake fires. */
async function runUntil(runs) {
  while (done < runs) if (!clock.fireNext()) await null
}

const started = performance.now()
await runUntil(mark)
const atMark = heap()
await runUntil(total)
const atEnd = heap()
const seconds = (performance.now() - started) / 1000
await task.stop()
console.log(
  JSON.stringify({
    runs: done,
    mark,
    historyLength: task.history.length,
    heapAtMarkBytes: atMark,
    heapAtEndBytes: atEnd,
    growthBytes: atEnd - atMark,
    seconds,
  }),
)
