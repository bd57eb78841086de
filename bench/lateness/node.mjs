// Item 1 on Node, one round (one child process): tickwork, raw setTimeout and
// toad-scheduler, with the CPU time and the timer arms (and hops) per run of
// each, which is what shows a polling loop. croner is not here: its patterns
// have 1 s resolution, so it cannot run a 10 ms job.
import { wakes } from './wakes.mjs'
import * as toad from 'toad-scheduler'
import { summarize } from '../lib/stats.mjs'
import { coreContenders, interleaved, toadLateness } from './workload.mjs'

const runs = Number(process.env.BENCH_RUNS ?? 300)
const cost = {}
/** Wraps a contender to add up its CPU time and wakes over its blocks. */
const metered = (name, run) => async (n, interval) => {
  const cpu = process.cpuUsage()
  const arms = wakes.count
  const samples = await run(n, interval)
  const used = process.cpuUsage(cpu)
  const entry = (cost[name] ??= { runs: 0, cpuUs: 0, wakes: 0 })
  entry.runs += samples.length
  entry.cpuUs += used.user + used.system
  entry.wakes += wakes.count - arms
  return samples
}
const contenders = { ...coreContenders, 'toad-scheduler (setInterval)': (n, interval) => toadLateness(toad, n, interval) }
const samples = await interleaved(Object.fromEntries(Object.entries(contenders).map(([name, run]) => [name, metered(name, run)])), runs, 10)
const out = {}
for (const [name, list] of Object.entries(samples)) {
  const c = cost[name]
  out[name] = { ...summarize(list), cpuUsPerRun: c.cpuUs / c.runs, wakesPerRun: c.wakes / c.runs }
}
console.log(JSON.stringify(out))
