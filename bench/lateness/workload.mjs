// Item 1: how late a 10 ms task starts, for each contender. Portable: this
// module is bundled for Node, Deno, Bun and Chromium. Lateness is measured
// with sub-ms time against what each contender promises: tickwork against
// `ctx.scheduledAt`, a raw setTimeout loop against arm time + interval, toad's
// interval against the previous tick + interval, croner against the second
// boundary. A negative value means the callback ran early.
import { createTask, fixedRate, TaskRegistry } from '@tickwork/core'
import { msClock, preciseNow } from '../lib/clocks.mjs'

/** tickwork, fixed delay (`mode: 'delay'`) or fixed rate (`'rate'`), on a sub-ms system clock. */
export function tickworkLateness(mode, runs, interval) {
  const registry = new TaskRegistry({ clock: msClock })
  const samples = []
  return new Promise((resolve) => {
    const task = createTask({
      name: `lateness-${mode}`,
      registry,
      ...(mode === 'rate' ? { schedule: fixedRate(interval) } : { interval }),
      // Every measured run waited a full interval, the first one too.
      initialDelay: interval,
      run: ({ scheduledAt }) => {
        samples.push(preciseNow() - scheduledAt)
        if (samples.length >= runs) {
          void task.stop().then(() => resolve(samples))
        }
      },
    })
    task.start()
  })
}

/** A bare `setTimeout` loop: the baseline every runtime sets. */
export function rawLateness(runs, interval) {
  const samples = []
  return new Promise((resolve) => {
    let due = preciseNow() + interval
    const tick = () => {
      samples.push(preciseNow() - due)
      if (samples.length >= runs) return resolve(samples)
      due = preciseNow() + interval
      setTimeout(tick, interval)
    }
    setTimeout(tick, interval)
  })
}

/** toad-scheduler's SimpleIntervalJob (a `setInterval` underneath). */
export function toadLateness(toad, runs, interval) {
  const { ToadScheduler, SimpleIntervalJob, Task } = toad
  const samples = []
  return new Promise((resolve) => {
    const scheduler = new ToadScheduler()
    let previous = preciseNow()
    const job = new SimpleIntervalJob(
      { milliseconds: interval },
      new Task('lateness', () => {
        const now = preciseNow()
        samples.push(now - (previous + interval))
        previous = now
        if (samples.length >= runs) {
          scheduler.stop()
          resolve(samples)
        }
      }),
    )
    previous = preciseNow()
    scheduler.addSimpleIntervalJob(job)
  })
}

/**
 * croner: cron patterns have 1 s resolution, so a 10 ms task cannot be
 * expressed; it runs every second for `runs` ticks and lateness is taken
 * against the nearest second boundary.
 */
export function cronerLateness(Cron, runs) {
  const samples = []
  return new Promise((resolve) => {
    const job = new Cron('* * * * * *', () => {
      const now = preciseNow()
      samples.push(now - Math.round(now / 1000) * 1000)
      if (samples.length >= runs) {
        job.stop()
        resolve(samples)
      }
    })
  })
}

/** The contenders every runtime runs: name → (runs, interval) → lateness samples. */
export const coreContenders = {
  'tickwork fixed-delay': (runs, interval) => tickworkLateness('delay', runs, interval),
  'tickwork fixed-rate': (runs, interval) => tickworkLateness('rate', runs, interval),
  'raw setTimeout loop': (runs, interval) => rawLateness(runs, interval),
}

/**
 * Runs the contenders side by side in one process: interleaved in `blocks`
 * rounds (e.g. 10 × 50 runs each), so a noisy neighbour or a GC pause lands
 * on all of them alike, after one short warm-up round that is thrown away.
 */
export async function interleaved(contenders, runs = 500, interval = 10, blocks = 10) {
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
export function coreSet(runs = 500, interval = 10) {
  return interleaved(coreContenders, runs, interval)
}
