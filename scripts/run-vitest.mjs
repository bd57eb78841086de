// Runs the Vitest projects and ends with the `N passed, N failed` line the
// test-all orchestrator totals.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'

mkdirSync('artifacts', { recursive: true })
const out = 'artifacts/vitest.json'
const result = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
})
let passed = 0
let failed = 0
try {
  const report = JSON.parse(readFileSync(out, 'utf8'))
  passed = report.numPassedTests
  failed = report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0)
} catch {
  failed = 1
}
if (result.status !== 0 && failed === 0) failed = 1
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
