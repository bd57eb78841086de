// Item 1 in Chromium: bundled as an IIFE exposing `tickworkBench.run(runs)`.
import { summarize } from '../lib/stats.mjs'
import { coreSet } from './workload.mjs'

export async function run(runs) {
  const samples = await coreSet(runs, 10)
  const out = {}
  for (const [name, list] of Object.entries(samples)) out[name] = summarize(list)
  return out
}
