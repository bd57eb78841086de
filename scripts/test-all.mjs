// The whole test suite: every suite in scripts/suites/*.json, in `order`,
// each ending with an `N passed, N failed` line. Prints the grand total last.
// A suite that crashes without that line counts as one failure.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { ensureChromium } from './ensure-chromium.mjs'

const SUMMARY = /(\d+) passed, (\d+) failed/

const only = process.argv.slice(2)
const suites = readdirSync('scripts/suites')
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ name: file.replace(/\.json$/, ''), ...JSON.parse(readFileSync(`scripts/suites/${file}`, 'utf8')) }))
  .filter((suite) => only.length === 0 || only.includes(suite.name))
  .sort((a, b) => (a.order ?? 50) - (b.order ?? 50) || a.name.localeCompare(b.name))

if (suites.some((suite) => suite.needsChromium)) ensureChromium()

function run(suite) {
  return new Promise((resolve) => {
    const started = Date.now()
    console.log(`\n=== ${suite.name}: ${suite.command}`)
    const child = spawn(suite.command, { shell: true, stdio: ['ignore', 'pipe', 'inherit'] })
    let last
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      for (const line of String(chunk).split('\n')) {
        const match = SUMMARY.exec(line)
        if (match) last = { passed: Number(match[1]), failed: Number(match[2]) }
      }
    })
    child.on('close', (code) => {
      const counts = last ?? { passed: 0, failed: 1 }
      if (code !== 0 && counts.failed === 0) counts.failed = 1
      console.log(`=== ${suite.name}: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`)
      resolve(counts)
    })
  })
}

let passed = 0
let failed = 0
const rows = []
for (const suite of suites) {
  const counts = await run(suite)
  passed += counts.passed
  failed += counts.failed
  rows.push(`${suite.name.padEnd(20)} ${String(counts.passed).padStart(5)} passed ${String(counts.failed).padStart(4)} failed`)
}
console.log(`\n${rows.join('\n')}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
