// The lint suite: Biome over every source file (biome.json says which rules
// and why some are off). Prints each finding, then `N passed, N failed`
// counted in files: a file fails when it has any finding, warnings included.
//
// Biome's formatter stays off: the code predates it, and reformatting every
// file at once would collide with work in progress on most of them.
import { spawnSync } from 'node:child_process'

const result = spawnSync('node_modules/.bin/biome', ['lint', '--reporter=json', '--max-diagnostics=none', ...process.argv.slice(2), '.'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
let report
try {
  report = JSON.parse(result.stdout)
} catch {
  console.error(`${result.stdout}${result.stderr}`.trim() || `biome exited with ${result.status}`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

const failing = new Set()
for (const diagnostic of report.diagnostics) {
  const path = diagnostic.location?.path ?? '(configuration)'
  const { line, column } = diagnostic.location?.start ?? {}
  failing.add(path)
  console.log(`✗ ${path}${line ? `:${line}:${column}` : ''} ${diagnostic.category} (${diagnostic.severity}): ${diagnostic.message}`)
}
const checked = report.summary.changed + report.summary.unchanged
const failed = failing.size
console.log(`biome lint: ${checked} files, ${report.diagnostics.length} findings`)
console.log(`${Math.max(0, checked - failed)} passed, ${failed} failed`)
process.exit(failed > 0 || result.status !== 0 ? 1 : 0)
