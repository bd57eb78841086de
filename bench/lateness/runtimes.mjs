// Item 1 across runtimes: bundles the workload once per target and runs it
// on Node, Deno, Bun (child processes) and Chromium (Playwright).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { benchDir, bundleFile } from '../lib/bundle.mjs'
import { runJson } from '../lib/child.mjs'

const bin = (name) => join(benchDir, '..', 'node_modules', '.bin', name)

/** Node: tickwork, raw setTimeout, toad-scheduler, croner. */
export async function latenessOnNode(runs) {
  const file = await bundleFile(join(benchDir, 'lateness', 'node.mjs'), 'lateness-node', { platform: 'node' })
  return runJson(process.execPath, [file], { env: { BENCH_RUNS: String(runs) } })
}

/** Deno or Bun: tickwork vs raw setTimeout. Resolves `{ skipped }` when the binary is missing. */
export async function latenessOn(runtime, runs) {
  if (!existsSync(bin(runtime))) return { skipped: `${bin(runtime)} not found` }
  const file = await bundleFile(join(benchDir, 'lateness', 'portable.mjs'), 'lateness-portable')
  const args = runtime === 'deno' ? ['run', '--allow-env', '--allow-read', file] : [file]
  return runJson(bin(runtime), args, { env: { BENCH_RUNS: String(runs) } })
}

/** Chromium through playwright-core and the system binary (scripts/chromium.mjs). */
export async function latenessInChromium(runs) {
  const { chromiumLaunchOptions, chromiumPath } = await import('../../scripts/chromium.mjs')
  if (chromiumPath === undefined) return { skipped: 'no Chromium binary found' }
  const { chromium } = await import('playwright-core')
  const file = await bundleFile(join(benchDir, 'lateness', 'browser.mjs'), 'lateness-browser', { platform: 'browser', globalName: 'tickworkBench' })
  const browser = await chromium.launch(chromiumLaunchOptions)
  try {
    const page = await browser.newPage()
    await page.setContent('<!doctype html><title>tickwork bench</title>')
    await page.addScriptTag({ content: readFileSync(file, 'utf8') })
    return await page.evaluate((n) => globalThis.tickworkBench.run(n), runs)
  } finally {
    await browser.close()
  }
}
