// Size of tickwork bundled with esbuild, minified and gzipped, next to croner
// and toad-scheduler: the three budgets of the kernel issue (13), plus the
// feature entries (queue, cache, shutdown) for information, with no budget.
// `--check` enforces them for CI and ends with the `N passed, N failed` line
// (one per budget): over a budget, or an entry that does not exist yet, fails.
// size-limit needs Node 22, so the measure is done here with esbuild + zlib,
// the way size-limit does it: minify, then gzip level 9, peer dependencies
// left out.
import { analyzeMetafile } from 'esbuild'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { benchDir, bundleSource } from './lib/bundle.mjs'

const KB = 1024

/**
 * What is measured. `budget` is the ceiling in bytes (min+gzip); `subpath`
 * names the `@tickwork/core` export the entry needs, so an entry that is not
 * there yet is reported as missing instead of crashing the bundler.
 */
export const ENTRIES = [
  {
    name: "createTask + TaskRegistry from '@tickwork/core/kernel' (plugins: [])",
    subpath: './kernel',
    source: "export { createTask, TaskRegistry } from '@tickwork/core/kernel'",
    budget: 3.5 * KB,
  },
  {
    name: "createTask + getDefaultRegistry from '@tickwork/core'",
    subpath: '.',
    source: "export { createTask, getDefaultRegistry } from '@tickwork/core'",
    budget: 6 * KB,
  },
  { name: "whole main entry '@tickwork/core'", subpath: '.', source: "export * from '@tickwork/core'", budget: 8 * KB },
  // The feature entries, for information: each with the part of the kernel it uses.
  { name: "whole '@tickwork/core/queue' (trigger queue)", subpath: './queue', source: "export * from '@tickwork/core/queue'" },
  { name: "whole '@tickwork/core/cache' (cached value, stores)", subpath: './cache', source: "export * from '@tickwork/core/cache'" },
  { name: "whole '@tickwork/core/shutdown'", subpath: './shutdown', source: "export * from '@tickwork/core/shutdown'" },
  { name: 'croner: Cron', source: "export { Cron } from 'croner'" },
  {
    name: 'toad-scheduler: ToadScheduler + SimpleIntervalJob + AsyncTask',
    source: "export { ToadScheduler, SimpleIntervalJob, AsyncTask } from 'toad-scheduler'",
  },
]

function corePackage() {
  return JSON.parse(readFileSync(join(benchDir, '..', 'packages', 'core', 'package.json'), 'utf8'))
}

/**
 * Measures every entry: `{ name, minBytes, gzipBytes, budget?, pass?, metafile }`,
 * or `{ name, budget, missing, pass: false }` for an entry the package does not export.
 */
export async function measureSizes() {
  const pkg = corePackage()
  const peers = Object.keys(pkg.peerDependencies ?? {})
  const rows = []
  for (const entry of ENTRIES) {
    if (entry.subpath !== undefined && pkg.exports?.[entry.subpath] === undefined) {
      rows.push({ name: entry.name, budget: entry.budget, pass: false, missing: `@tickwork/core has no '${entry.subpath}' export yet` })
      continue
    }
    const external = entry.source.includes('@tickwork/') ? peers : []
    const { code, metafile } = await bundleSource(entry.source, { external })
    const gzipBytes = gzipSync(code, { level: 9 }).length
    const row = { name: entry.name, minBytes: code.length, gzipBytes, metafile }
    if (entry.budget !== undefined) Object.assign(row, { budget: entry.budget, pass: gzipBytes <= entry.budget })
    rows.push(row)
  }
  return rows
}

export const kb = (bytes) => `${(bytes / KB).toFixed(2)} KB`

/** PASS, MISSING, or by how much the budget is exceeded. */
export function verdict(row) {
  if (row.missing) return 'FAIL (missing)'
  return row.pass ? 'PASS' : `FAIL (+${kb(row.gzipBytes - row.budget)})`
}

async function main() {
  const check = process.argv.includes('--check')
  const verbose = process.argv.includes('--why')
  const rows = await measureSizes()
  // Known misses: an entry over its budget but under its ceiling here passes
  // the CI check, loudly marked, so any growth still fails. `pnpm bench` and a
  // plain run stay strict. Remove an entry once its budget is met.
  const ceilings = process.argv.includes('--ceilings') ? JSON.parse(readFileSync(join(benchDir, 'size-ceilings.json'), 'utf8')) : {}
  let passed = 0
  let failed = 0
  for (const row of rows) {
    const budget = row.budget === undefined ? '' : `  budget ${kb(row.budget)}  ${verdict(row)}`
    const measured = row.missing ? `missing: ${row.missing}` : `min ${kb(row.minBytes).padStart(9)}  min+gzip ${kb(row.gzipBytes).padStart(9)}`
    console.log(`${row.name.padEnd(72)} ${measured}${budget}`)
    if (row.budget === undefined) continue
    const ceiling = ceilings[row.name]?.bytes
    if (!row.pass && ceiling !== undefined && row.gzipBytes <= ceiling) console.log(`  KNOWN MISS within the ceiling ${kb(ceiling)}: ${ceilings[row.name].why}`)
    if (row.pass || (ceiling !== undefined && row.gzipBytes <= ceiling)) passed++
    else failed++
    // Over a budget, show which modules pull the bytes in: that is where to cut.
    if (row.metafile !== undefined && (!row.pass || verbose)) console.log(await analyzeMetafile(row.metafile))
  }
  if (check) {
    console.log(`${passed} passed, ${failed} failed`)
    process.exit(failed > 0 ? 1 : 0)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
