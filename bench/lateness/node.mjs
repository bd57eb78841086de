// Item 1 on Node (child process): tickwork, raw setTimeout, toad-scheduler and croner.
import { Cron } from 'croner'
import * as toad from 'toad-scheduler'
import { summarize } from '../lib/stats.mjs'
import { coreContenders, cronerLateness, interleaved, toadLateness } from './workload.mjs'

const runs = Number(process.env.BENCH_RUNS ?? 500)
const samples = await interleaved({ ...coreContenders, 'toad-scheduler': (n, interval) => toadLateness(toad, n, interval) }, runs, 10)
samples['croner (1 s pattern, 5 runs)'] = await cronerLateness(Cron, 5)
const out = {}
for (const [name, list] of Object.entries(samples)) out[name] = summarize(list)
console.log(JSON.stringify(out))
