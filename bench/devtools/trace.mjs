// Where the main thread's time goes beyond JavaScript: a Chromium trace
// (devtools.timeline) of the panel open on N tasks at 100 events/s, summed by
// event name (Layout, Paint, UpdateLayoutTree, FireAnimationFrame, ...).
// Trace events nest, so the sums overlap: read them as "how much of each", not as parts of a whole.
//   node bench/devtools/trace.mjs [tasks] [seconds] ['{"query":{"sort":"nextRun"}}']
import { pageScript } from './chromium.mjs'

const [tasks = '10000', seconds = '3', scenario = '{}'] = process.argv.slice(2)
const { chromiumLaunchOptions, chromiumPath } = await import('../../scripts/chromium.mjs')
if (chromiumPath === undefined) {
  console.log('skipped: no Chromium binary found')
  process.exit(0)
}
const script = await pageScript()
const { chromium } = await import('playwright-core')
const browser = await chromium.launch(chromiumLaunchOptions)
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.setContent('<!doctype html><title>tickwork devtools trace</title><body style="margin:0"></body>')
  await page.addScriptTag({ content: script })
  await page.evaluate((n) => globalThis.devtoolsBench.setup({ tasks: n }), Number(tasks))
  await page.waitForTimeout(1000)
  await page.evaluate((options) => globalThis.devtoolsBench.openPanel(options), JSON.parse(scenario))
  await page.waitForTimeout(500)
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'v8.execute'] })
  await page.waitForTimeout(Number(seconds) * 1000)
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString())
  const byName = new Map()
  for (const event of traceEvents) if (event.ph === 'X' && event.dur) byName.set(event.name, (byName.get(event.name) ?? 0) + event.dur / 1000)
  console.log(`${tasks} tasks, panel open, ${seconds} s traced, scenario ${scenario}`)
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${name}`)
} finally {
  await browser.close()
}
