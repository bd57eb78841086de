// Runs one Playwright config and ends with `N passed, N failed`.
// Usage: node scripts/run-playwright.mjs <config>
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { chromiumMissing, chromiumPath } from './chromium.mjs'

const config = process.argv[2]
if (!config) {
  console.error('usage: run-playwright.mjs <playwright config>')
  process.exit(2)
}
if (!chromiumPath) {
  console.error(`[run-playwright] ${chromiumMissing}`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}
mkdirSync('artifacts', { recursive: true })
const out = `artifacts/playwright-${basename(dirname(config))}.json`
const result = spawnSync('npx', ['playwright', 'test', '--config', config, '--reporter=list,json'], {
  stdio: 'inherit',
  // Absolute: Playwright resolves a relative output name against the config's folder.
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: resolve(out) },
})
let passed = 0
let failed = 0
try {
  const { stats } = JSON.parse(readFileSync(out, 'utf8'))
  passed = stats.expected + stats.flaky
  failed = stats.unexpected
} catch {
  failed = 1
}
if (result.status !== 0 && failed === 0) failed = 1
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
