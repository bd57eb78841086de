// Item 7: the devtools panel in Chromium, and a check that a production build
// of `@tickwork/devtools` has no panel code. The page takes the panel from
// `@tickwork/devtools/production`, so React is built for production (what a
// user's page runs) while the panel still renders; `react: 'development'`
// measures React's development build instead (slower: it checks and warns).
//
// Each round is a fresh page: N tasks at 100 events/s, frames observed with
// the panel closed, then open, each phase under the CPU profiler (CDP
// `Profiler`, the same sampling in both, so they compare) and with
// `Performance.getMetrics` task time.
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { benchDir, outDir } from '../lib/bundle.mjs'
import { analyzeProfile, moduleIndex } from './profile-analysis.mjs'

const devtoolsSrc = join(benchDir, '..', 'packages', 'devtools', 'src')
const devtoolsEntry = join(devtoolsSrc, 'index.ts')

function bundle(options) {
  return build({
    bundle: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    conditions: ['tickwork-source', 'module'],
    jsx: 'automatic',
    // bench/ does not depend on the devtools package: point at its source.
    alias: { '@tickwork/devtools/production': join(devtoolsSrc, 'production.ts'), '@tickwork/devtools': devtoolsEntry },
    logLevel: 'error',
    ...options,
  })
}

/**
 * Bundles `import { TickworkDevtools, TickworkDevtoolsPanel }` for production
 * and looks for strings only the panel's code holds.
 */
export async function productionBundleCheck() {
  const result = await bundle({
    stdin: { contents: "export { TickworkDevtools, TickworkDevtoolsPanel } from '@tickwork/devtools'", resolveDir: benchDir, loader: 'js' },
    format: 'esm',
    minify: true,
    write: false,
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.env.PROD': 'true' },
  })
  const code = result.outputFiles[0].text
  const markers = ['Run now', 'Export JSON', 'attachShadow']
  return { bytes: code.length, panelMarkersFound: markers.filter((marker) => code.includes(marker)) }
}

/**
 * The bench page (page.jsx) as one script, unminified: profile line numbers
 * are mapped back to modules through esbuild's `// path` comments.
 */
export async function pageScript(react = 'production') {
  const outfile = join(outDir, 'devtools-page.js')
  await bundle({ entryPoints: [join(benchDir, 'devtools', 'page.jsx')], globalName: 'devtoolsBench', outfile, define: { 'process.env.NODE_ENV': JSON.stringify(react) } })
  return readFileSync(outfile, 'utf8')
}

/** Starts the CPU profiler and task-time metrics; the returned function stops them and reads both. */
async function measurePhase(cdp, moduleOf, samplingUs) {
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
  const before = await metric()
  await cdp.send('Profiler.setSamplingInterval', { interval: samplingUs })
  await cdp.send('Profiler.start')
  return async () => {
    const { profile } = await cdp.send('Profiler.stop')
    const after = await metric()
    const analysis = analyzeProfile(profile, moduleOf, samplingUs)
    return { profile, analysis, taskMs: (after.TaskDuration - before.TaskDuration) * 1000, scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000 }
  }
}

/**
 * Frame times and CPU with the panel closed, then open, on `tasks` tasks at
 * `eventsPerSecond`, over `rounds` fresh pages. `keepProfiles` keeps the raw
 * profiles of the last round (for `profile.mjs`).
 */
export async function panelRounds({
  rounds = 3,
  tasks = 10_000,
  eventsPerSecond = 100,
  closedSeconds = 3,
  openSeconds = 5,
  samplingUs = 500,
  react = process.env.TICKWORK_BENCH_REACT ?? 'production',
  scenario = {},
  keepProfiles = false,
} = {}) {
  const { chromiumLaunchOptions, chromiumPath } = await import('../../scripts/chromium.mjs')
  if (chromiumPath === undefined) return { skipped: 'no Chromium binary found' }
  const script = await pageScript(react)
  const moduleOf = moduleIndex(script)
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, '--enable-precise-memory-info'] })
  const results = []
  try {
    for (let round = 0; round < rounds; round++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      try {
        const cdp = await page.context().newCDPSession(page)
        await cdp.send('Performance.enable')
        await cdp.send('Profiler.enable')
        await page.setContent('<!doctype html><title>tickwork devtools bench</title><body style="margin:0"></body>')
        await page.addScriptTag({ content: script })
        await page.evaluate((options) => globalThis.devtoolsBench.setup(options), { tasks, eventsPerSecond })
        // Let the start-up burst and JIT settle before either phase is measured.
        await page.waitForTimeout(1000)
        let stop = await measurePhase(cdp, moduleOf, samplingUs)
        const closed = await page.evaluate((ms) => globalThis.devtoolsBench.observe(ms), closedSeconds * 1000)
        const closedCpu = await stop()
        const opened = await page.evaluate((options) => globalThis.devtoolsBench.openPanel(options), scenario)
        await page.waitForTimeout(500)
        stop = await measurePhase(cdp, moduleOf, samplingUs)
        const open = await page.evaluate((ms) => globalThis.devtoolsBench.observe(ms), openSeconds * 1000)
        const openCpu = await stop()
        await page.evaluate(() => globalThis.devtoolsBench.teardown())
        const keep = keepProfiles === true ? round === rounds - 1 : keepProfiles === "all"
        const cpu = ({ profile, ...rest }) => (keep ? { profile, ...rest } : rest)
        results.push({ closed: { ...closed, cpu: cpu(closedCpu) }, open: { ...open, cpu: cpu(openCpu) }, ...opened })
      } finally {
        await page.close()
      }
    }
  } finally {
    await browser.close()
  }
  return { react, tasks, eventsPerSecond, closedSeconds, openSeconds, scenario, rounds: results }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // node bench/devtools/chromium.mjs [rounds] [production|development] ['{"floating":true,"query":{"sort":"nextRun"}}'] [tasks]
  console.log(JSON.stringify(await productionBundleCheck()))
  const result = await panelRounds({ rounds: Number(process.argv[2] ?? 1), react: process.argv[3] ?? 'production', scenario: JSON.parse(process.argv[4] ?? '{}'), tasks: Number(process.argv[5] ?? 10_000) })
  for (const round of result.rounds ?? []) {
    for (const phase of ['closed', 'open']) {
      const { frames, cpu } = round[phase]
      const a = cpu.analysis
      console.log(`${phase}: frames p50 ${frames.p50} p95 ${frames.p95} max ${frames.max} ms; busy ${a.busyMs.toFixed(0)} ms (task ${cpu.taskMs.toFixed(0)} ms), panel self ${a.panelSelfMs.toFixed(0)} ms, panel incl. ${a.panelInclusiveMs.toFixed(0)} ms, no source line ${a.unpositionedMs.toFixed(0)} ms, gc ${a.gcMs.toFixed(0)} ms, ${round[phase].eventsPerSecond.toFixed(0)} events/s`)
    }
  }
}
