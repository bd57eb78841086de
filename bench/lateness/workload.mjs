// Item 1: how late a 10 ms job starts, for each contender, measured against
// the TRUE due time in `performance.now()` — never against what the
// contender itself claims (`ctx.scheduledAt` would hide a whole-ms clock):
// - fixed delay: the real end of the previous run + interval (the first run:
//   the call to start() + interval);
// - fixed rate: the grid start + k × interval, where a run that ends past a
//   slot moves on to the first slot after its end (missed slots are skipped,
//   as tickwork's fixedRate does), so catching up is never counted as lateness;
// - toad-scheduler's SimpleIntervalJob (a `setInterval`): the previous start
//   + interval, which is what `setInterval` promises.
// An early start shows as a negative value. Portable: bundled for Node, Deno,
// Bun and Chromium; tickwork runs on its default system clock, as users run it.
import { createTask, fixedRate, TaskRegistry } from '@tickwork/core'

const now = () => performance.now()

/** Fixed delay: the due time of the next run is set at the end of each run. */
function delayTracker(interval) {
  let due = 0
  return {
    begin: () => void (due = now() + interval),
    lateness: () => now() - due,
    end: () => void (due = now() + interval),
  }
}

/** Fixed rate: slots on a grid from the first due time; a run ending past a slot skips to the next one. */
function rateTracker(interval) {
  let origin = 0
  let slot = 0
  return {
    begin: () => void ((origin = now() + interval), (slot = 0)),
    lateness: () => now() - (origin + slot * interval),
    end: () => {
      const ended = now()
      slot++
      if (origin + slot * interval < ended) slot = Math.ceil((ended - origin) / interval)
    },
    /** The next slot's due time, for the raw fixed-rate loop to aim at. */
    nextDue: () => origin + slot * interval,
  }
}

/** tickwork, fixed delay (`mode: 'delay'`) or fixed rate (`'rate'`). */
export function tickworkLateness(mode, runs, interval) {
  const registry = new TaskRegistry()
  const track = mode === 'rate' ? rateTracker(interval) : delayTracker(interval)
  const samples = []
  return new Promise((resolve) => {
    const task = createTask({
      name: `lateness-${mode}`,
      registry,
      ...(mode === 'rate' ? { schedule: fixedRate(interval) } : { interval }),
      // Every measured run waits a full interval, the first one too.
      initialDelay: interval,
      run: () => {
        samples.push(track.lateness())
        if (samples.length >= runs) void task.stop().then(() => resolve(samples))
        track.end()
      },
    })
    track.begin()
    task.start()
  })
}

/** A bare `setTimeout` loop; `wait()` is the delay it arms after each run. */
function rawLoop(track, runs, interval, wait) {
  const samples = []
  return new Promise((resolve) => {
    const tick = () => {
      samples.push(track.lateness())
      if (samples.length >= runs) return resolve(samples)
      track.end()
      setTimeout(tick, wait())
    }
    track.begin()
    setTimeout(tick, interval)
  })
}

/** A bare `setTimeout` loop re-armed at the end of each run: the fixed-delay baseline. */
export const rawDelayLateness = (runs, interval) => rawLoop(delayTracker(interval), runs, interval, () => interval)

/** A bare `setTimeout` loop aimed at grid slots (`due − now`): the fixed-rate baseline. */
export function rawRateLateness(runs, interval) {
  const track = rateTracker(interval)
  return rawLoop(track, runs, interval, () => Math.max(0, track.nextDue() - now()))
}

/** toad-scheduler's SimpleIntervalJob (a `setInterval` underneath), against the previous start + interval. */
export function toadLateness(toad, runs, interval) {
  const { ToadScheduler, SimpleIntervalJob, Task } = toad
  const samples = []
  return new Promise((resolve) => {
    const scheduler = new ToadScheduler()
    let previous = 0
    const job = new SimpleIntervalJob(
      { milliseconds: interval },
      new Task('lateness', () => {
        const start = now()
        samples.push(start - (previous + interval))
        previous = start
        if (samples.length >= runs) {
          scheduler.stop()
          resolve(samples)
        }
      }),
    )
    previous = now()
    scheduler.addSimpleIntervalJob(job)
  })
}

/** The contenders every runtime runs: name → (runs, interval) → lateness samples. */
export const coreContenders = {
  'tickwork fixed-delay': (runs, interval) => tickworkLateness('delay', runs, interval),
  'raw setTimeout, fixed delay': (runs, interval) => rawDelayLateness(runs, interval),
  'tickwork fixed-rate': (runs, interval) => tickworkLateness('rate', runs, interval),
  'raw setTimeout, fixed rate': (runs, interval) => rawRateLateness(runs, interval),
}

/**
 * Runs the contenders side by side in one process: interleaved in `blocks`
 * (e.g. 6 × 50 runs each), so a noisy neighbour or a GC pause lands on all of
 * them alike, after a short warm-up of each that is thrown away.
 */
export async function interleaved(contenders, runs = 300, interval = 10, blocks = 6) {
  const samples = {}
  const perBlock = Math.ceil(runs / blocks)
  for (const run of Object.values(contenders)) await run(Math.min(20, perBlock), interval)
  for (let block = 0; block < blocks; block++) {
    for (const [name, run] of Object.entries(contenders)) {
      const list = (samples[name] ??= [])
      for (const value of await run(perBlock, interval)) list.push(value)
    }
  }
  return samples
}

/** The tickwork-vs-setTimeout set every runtime runs. */
export function coreSet(runs = 300, interval = 10) {
  return interleaved(coreContenders, runs, interval)
}
