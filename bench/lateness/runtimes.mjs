// Item 1 across runtimes: bundles the workload once per target and runs it
// `rounds` times on Node, Deno, Bun (one child process per round) and in
// Chromium (one fresh page per round, playwright-core and the system binary).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { benchDir, bundleFile } from '../lib/bundle.mjs'
import { runJson } from '../lib/child.mjs'
import { inRounds } from '../lib/rounds.mjs'

const bin = (name) => join(benchDir, '..', 'node_modules', '.bin', name)

/** Node: tickwork, raw setTimeout and toad-scheduler; one array entry per round. */
export async function latenessOnNode(rounds, runs) {
  const file = await bundleFile(join(benchDir, 'lateness', 'node.mjs'), 'lateness-node', { platform: 'node' })
  return inRounds(rounds, () => runJson(process.execPath, [file], { env: { BENCH_RUNS: String(runs) } }))
}

/** Deno or Bun: tickwork vs raw setTimeout. Resolves `{ skipped }` when the binary is missing. */
export async function latenessOn(runtime, rounds, runs) {
  if (!existsSync(bin(runtime))) return { skipped: `${bin(runtime)} not found` }
  const file = await bundleFile(join(benchDir, 'lateness', 'portable.mjs'), 'lateness-portable')
  const args = runtime === 'deno' ? ['run', '--allow-env', '--allow-read', file] : [file]
  return inRounds(rounds, () => runJson(bin(runtime), args, { env: { BENCH_RUNS: String(runs) } }))
}

/** Chromium through playwright-core and the system binary (scripts/chromium.mjs). */
export async function latenessInChromium(rounds, runs) {
  const { chromiumLaunchOptions, chromiumPath } = await import('../../scripts/chromium.mjs')
  if (chromiumPath === undefined) return { skipped: 'no Chromium binary found' }
  const { chromium } = await import('playwright-core')
  const file = await bundleFile(join(benchDir, 'lateness', 'browser.mjs'), 'lateness-browser', { platform: 'browser', globalName: 'tickworkBench' })
  const script = readFileSync(file, 'utf8')
  const browser = await chromium.launch(chromiumLaunchOptions)
  try {
    return await inRounds(rounds, async () => {
      const page = await browser.newPage()
      try {
        await page.setContent('<!doctype html><title>tickwork bench</title>')
        await page.addScriptTag({ content: script })
        return await page.evaluate((n) => globalThis.tickworkBench.run(n), runs)
      } finally {
        await page.close()
      }
    })
  } finally {
    await browser.close()
  }
}
