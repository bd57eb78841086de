// The whole test suite: every suite in scripts/suites/*.json, in `order`,
// each ending with an `N passed, N failed` line. Prints one row per suite with
// its wall time, then the grand total as the very last line.
// A suite that crashes without that line counts as one failure.
//
// Usage: node scripts/test-all.mjs [suite ...]   (no names: every suite)
// System programs (Chromium, redis-server, PostgreSQL) come from
// `pnpm setup:system`; suites that need Chromium are refused up front without it.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { chromiumMissing, chromiumPath } from './chromium.mjs'

const SUMMARY = /(\d+) passed, (\d+) failed/

const all = readdirSync('scripts/suites')
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ name: file.replace(/\.json$/, ''), ...JSON.parse(readFileSync(`scripts/suites/${file}`, 'utf8')) }))
  .sort((a, b) => (a.order ?? 50) - (b.order ?? 50) || a.name.localeCompare(b.name))

const only = process.argv.slice(2)
const unknown = only.filter((name) => !all.some((suite) => suite.name === name))
if (unknown.length > 0) {
  console.error(`[test-all] unknown suite${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`)
  console.error(`[test-all] known suites: ${all.map((suite) => suite.name).join(', ')}`)
  console.log('0 passed, 1 failed')
  process.exit(2)
}
const suites = only.length === 0 ? all : all.filter((suite) => only.includes(suite.name))

if (!chromiumPath && suites.some((suite) => suite.needsChromium)) {
  console.error(`[test-all] ${chromiumMissing}`)
}

function run(suite) {
  return new Promise((resolve) => {
    const started = Date.now()
    console.log(`\n=== ${suite.name}: ${suite.command}`)
    const child = spawn(suite.command, { shell: true, stdio: ['ignore', 'pipe', 'inherit'] })
    let last
    let pending = ''
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      // Lines can straddle chunks: only complete lines are matched.
      const lines = (pending + chunk).split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        const match = SUMMARY.exec(line)
        if (match) last = { passed: Number(match[1]), failed: Number(match[2]) }
      }
    })
    child.on('close', (code) => {
      const match = SUMMARY.exec(pending)
      if (match) last = { passed: Number(match[1]), failed: Number(match[2]) }
      const counts = last ?? { passed: 0, failed: 1 }
      if (code !== 0 && counts.failed === 0) counts.failed = 1
      const seconds = (Date.now() - started) / 1000
      console.log(`=== ${suite.name}: ${counts.passed} passed, ${counts.failed} failed (${seconds.toFixed(1)} s)`)
      resolve({ ...counts, seconds })
    })
  })
}

let passed = 0
let failed = 0
let total = 0
const rows = []
for (const suite of suites) {
  const counts = await run(suite)
  passed += counts.passed
  failed += counts.failed
  total += counts.seconds
  rows.push({ name: suite.name, ...counts })
}

const width = Math.max(5, ...rows.map((row) => row.name.length))
const line = (name, p, f, s, mark = ' ') =>
  `${mark} ${name.padEnd(width)} ${String(p).padStart(6)} ${String(f).padStart(6)} ${s.padStart(9)}`
console.log(`\n${line('suite', 'passed', 'failed', 'wall time')}`)
for (const row of rows) console.log(line(row.name, row.passed, row.failed, `${row.seconds.toFixed(1)} s`, row.failed > 0 ? '✗' : '✓'))
console.log(line('total', passed, failed, `${total.toFixed(1)} s`))
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
