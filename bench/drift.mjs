// Item 2: drift of fixed-rate after 10,000 ticks at 1 ms, in virtual time with
// injected lateness (0–0.5 ms per wake-up, seeded) and 0.2 ms of work per run,
// the clock read in whole ms as `Date.now()` is:
// the error of the 10,000th slot against start + 10,000 × 1 ms. Fixed delay
// under the same lateness is shown for contrast: it drifts by design.
import { createTask, fixedRate, TaskRegistry } from '@tickwork/core'
import { leanClock, seeded } from './lib/clocks.mjs'

/** Runs `ticks` runs of one schedule on a lean virtual clock; returns the drift in ms. */
export function measureDrift({ rate, ticks = 10_000, interval = 1, maxLateMs = 0.5, workMs = 0.2, seed = 7 }) {
  const clock = leanClock(1_000_000, { wholeMs: true })
  const random = seeded(seed)
  clock.lateBy(() => random() * maxLateMs)
  const registry = new TaskRegistry({ clock })
  let first
  let last
  let runs = 0
  const task = createTask({
    name: 'drift',
    registry,
    ...(rate ? { schedule: fixedRate(interval) } : { interval }),
    run: ({ scheduledAt }) => {
      first ??= scheduledAt
      last = clock.trueNow()
      runs++
      clock.advanceBy(workMs)
    },
  })
  task.start()
  while (runs < ticks && clock.fireNext());
  const skipped = task.status().skippedRuns
  void task.stop()
  // The slot index counts skipped slots too: that is where the grid says this run belongs.
  const slots = runs - 1 + skipped
  return { ticks: runs, skipped, driftMs: last - (first + slots * interval) }
}

export function driftBench() {
  return {
    fixedRate: measureDrift({ rate: true }),
    fixedDelay: measureDrift({ rate: false }),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(driftBench()))
