// Item 7: runs page.jsx in Chromium and checks that a production build of
// `@tickwork/devtools` has no panel code. The page takes the panel from
// `@tickwork/devtools/production`, so React can be built for production (what
// a user's page runs) while the panel still renders; `react: 'development'`
// measures React's development build instead (slower: it checks and warns).
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { benchDir, outDir } from '../lib/bundle.mjs'

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
 * Frame times with the panel open on 1,000 tasks at 100 events/s.
 * `react`: which build of React the page runs, `production` by default
 * (`TICKWORK_BENCH_REACT=development` overrides it).
 */
export async function panelFrames({ seconds = 10, react = process.env.TICKWORK_BENCH_REACT ?? 'production', profile, scenario = {} } = {}) {
  const { chromiumLaunchOptions, chromiumPath } = await import('../../scripts/chromium.mjs')
  if (chromiumPath === undefined) return { skipped: 'no Chromium binary found' }
  const outfile = join(outDir, 'devtools-page.js')
  await bundle({
    entryPoints: [join(benchDir, 'devtools', 'page.jsx')],
    globalName: 'devtoolsBench',
    outfile,
    define: { 'process.env.NODE_ENV': JSON.stringify(react) },
  })
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, '--enable-precise-memory-info'] })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.setContent('<!doctype html><title>tickwork devtools bench</title><body style="margin:0"></body>')
    await page.addScriptTag({ content: readFileSync(outfile, 'utf8') })
    const stopProfile = profile === undefined ? undefined : await profile(page)
    const result = await page.evaluate((options) => globalThis.devtoolsBench.run(options), { seconds, ...scenario })
    await stopProfile?.()
    return { react, ...result }
  } finally {
    await browser.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await productionBundleCheck()))
  // node bench/devtools/chromium.mjs [seconds] [production|development] ['{"floating":true,"query":{"sort":"nextRun"},"tasks":5000}']
  console.log(JSON.stringify(await panelFrames({ seconds: Number(process.argv[2] ?? 10), react: process.argv[3] ?? 'production', scenario: JSON.parse(process.argv[4] ?? '{}') })))
}
