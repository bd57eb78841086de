// Size of tickwork bundled with esbuild, minified and gzipped, next to croner
// and toad-scheduler. `--check` enforces the budgets for CI and ends with the
// `N passed, N failed` line (one per budget). size-limit needs Node 22, so the
// measure is done here with esbuild + zlib, the way size-limit does it:
// minify, then gzip level 9, peer dependencies left out.
import { analyzeMetafile } from 'esbuild'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { benchDir, bundleSource } from './lib/bundle.mjs'

/**
 * Temporary ceilings above a goal, for a miss that is known and reported
 * (bench/size-allowance.json: `{ "<entry name>": { "bytes": n, "why": "..." } }`).
 * Within one, `--check` still passes but prints OVER GOAL, so CI catches any
 * further growth without blocking everyone on a restructure. Delete the file
 * to enforce the goals strictly.
 */
function allowances() {
  try {
    return JSON.parse(readFileSync(join(benchDir, 'size-allowance.json'), 'utf8'))
  } catch {
    return {}
  }
}

/** What is measured. `budget` is the goal in bytes (min+gzip). */
export const ENTRIES = [
  {
    name: 'tickwork: createTask + getDefaultRegistry',
    source: "export { createTask, getDefaultRegistry } from '@tickwork/core'",
    budget: 3 * 1024,
  },
  { name: 'tickwork: whole core (main entry)', source: "export * from '@tickwork/core'", budget: 8 * 1024 },
  { name: 'croner: Cron', source: "export { Cron } from 'croner'" },
  {
    name: 'toad-scheduler: ToadScheduler + SimpleIntervalJob + AsyncTask',
    source: "export { ToadScheduler, SimpleIntervalJob, AsyncTask } from 'toad-scheduler'",
  },
]

function corePeers() {
  const pkg = JSON.parse(readFileSync(join(benchDir, '..', 'packages', 'core', 'package.json'), 'utf8'))
  return Object.keys(pkg.peerDependencies ?? {})
}

/** Measures every entry: `{ name, minBytes, gzipBytes, budget?, pass?, metafile }`. */
export async function measureSizes() {
  const peers = corePeers()
  const allowed = allowances()
  const rows = []
  for (const entry of ENTRIES) {
    const external = entry.source.includes('@tickwork/') ? peers : []
    const { code, metafile } = await bundleSource(entry.source, { external })
    const gzipBytes = gzipSync(code, { level: 9 }).length
    const row = { name: entry.name, minBytes: code.length, gzipBytes, metafile }
    if (entry.budget !== undefined) {
      const allowance = allowed[entry.name]
      Object.assign(row, {
        budget: entry.budget,
        pass: gzipBytes <= entry.budget,
        allowance: allowance?.bytes,
        withinAllowance: allowance !== undefined && gzipBytes <= allowance.bytes,
        why: allowance?.why,
      })
    }
    rows.push(row)
  }
  return rows
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`

/** PASS, or by how much the goal is missed (and whether a known allowance covers it). */
export function verdict(row) {
  if (row.pass) return 'PASS'
  const over = `+${kb(row.gzipBytes - row.budget)}`
  return row.withinAllowance ? `OVER GOAL (${over}), within allowance` : `FAIL (${over})`
}

async function main() {
  const check = process.argv.includes('--check')
  const verbose = process.argv.includes('--why')
  const rows = await measureSizes()
  let passed = 0
  let failed = 0
  for (const row of rows) {
    const budget = row.budget === undefined ? '' : `  goal ${kb(row.budget)}  ${verdict(row)}`
    console.log(`${row.name.padEnd(66)} min ${kb(row.minBytes).padStart(9)}  min+gzip ${kb(row.gzipBytes).padStart(9)}${budget}`)
    if (row.budget !== undefined) {
      if (row.pass || row.withinAllowance) passed++
      else failed++
      if (!row.pass && row.why) console.log(`  allowance ${kb(row.allowance)}: ${row.why}`)
      // On a miss, show which modules pull the bytes in: that is where to cut.
      if ((!row.pass && !row.withinAllowance) || verbose) console.log(await analyzeMetafile(row.metafile))
    }
  }
  if (check) {
    console.log(`${passed} passed, ${failed} failed`)
    process.exit(failed > 0 ? 1 : 0)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
