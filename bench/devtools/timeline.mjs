// The timeline bench: 1,000 tasks × 50 runs at 100 events/s in Chromium,
// frame p95 with the panel open on its Timeline tab against the same page
// with the panel closed; the median of several rounds, each in a fresh page.
//
//   node bench/devtools/timeline.mjs [rounds=3] [seconds per phase=8]
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { benchDir, outDir } from '../lib/bundle.mjs'

const devtoolsSrc = join(benchDir, '..', 'packages', 'devtools', 'src')
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Runs `rounds` rounds; returns each round's p95s and their medians. */
export async function timelineFrames({ rounds = 3, seconds = 8, tasks = 1000, runs = 50, eventsPerSecond = 100 } = {}) {
  const { chromiumLaunchOptions, chromiumPath } = await import('../../scripts/chromium.mjs')
  if (chromiumPath === undefined) return { skipped: 'no Chromium binary found' }
  const outfile = join(outDir, 'timeline-page.js')
  await build({
    entryPoints: [join(benchDir, 'devtools', 'timeline-page.jsx')],
    bundle: true,
    format: 'iife',
    globalName: 'timelineBench',
    target: 'es2022',
    platform: 'browser',
    conditions: ['tickwork-source', 'module'],
    jsx: 'automatic',
    alias: { '@tickwork/devtools/production': join(devtoolsSrc, 'production.ts') },
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile,
    logLevel: 'error',
  })
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch(chromiumLaunchOptions)
  const results = []
  try {
    for (let round = 0; round < rounds; round++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      await page.setContent('<!doctype html><title>tickwork timeline bench</title><body style="margin:0"></body>')
      await page.addScriptTag({ content: readFileSync(outfile, 'utf8') })
      results.push(await page.evaluate((options) => globalThis.timelineBench.run(options), { tasks, runs, eventsPerSecond, seconds }))
      await page.close()
    }
  } finally {
    await browser.close()
  }
  return {
    tasks,
    runsPerTask: runs,
    seconds,
    rounds: results.map((r) => ({ closedP95: r.closed.p95, openP95: r.open.p95, eventsPerSecond: r.eventsPerSecond, lanes: r.lanes, bars: r.bars })),
    closedP95: median(results.map((r) => r.closed.p95)),
    openP95: median(results.map((r) => r.open.p95)),
    eventsPerSecond: median(results.map((r) => r.eventsPerSecond)),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await timelineFrames({ rounds: Number(process.argv[2] ?? 3), seconds: Number(process.argv[3] ?? 8) })
  if (result.skipped) console.log(`timeline bench skipped: ${result.skipped}`)
  else {
    for (const [index, round] of result.rounds.entries()) console.log(`round ${index + 1}: panel closed p95 ${round.closedP95} ms, timeline open p95 ${round.openP95} ms (${round.eventsPerSecond} events/s, ${round.lanes} lanes, ${round.bars} bars mounted)`)
    console.log(`median of ${result.rounds.length}: panel closed p95 ${result.closedP95} ms, timeline open p95 ${result.openP95} ms, at ${result.eventsPerSecond} events/s, ${result.tasks} tasks × ${result.runsPerTask} runs`)
  }
}
