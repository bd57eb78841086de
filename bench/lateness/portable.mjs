// Item 1 on Deno and Bun, one round: prints the summaries as one JSON line.
import { summarize } from '../lib/stats.mjs'
import { coreSet } from './workload.mjs'

const env = globalThis.Deno?.env.get('BENCH_RUNS') ?? globalThis.process?.env.BENCH_RUNS
const samples = await coreSet(Number(env ?? 300), 10)
const out = {}
for (const [name, list] of Object.entries(samples)) out[name] = summarize(list)
console.log(JSON.stringify(out))
