// Type-checks every TypeScript project in the repo, one check per tsconfig,
// and builds each package with `isolatedDeclarations` (into a temp folder, so
// the tree stays clean). Ends with `N passed, N failed`.
//
// It runs `tsgo`, TypeScript's native compiler (@typescript/native-preview):
// on this repo it reports the same diagnostics as `tsc` and emits the same
// declarations (quote style aside), about five times faster. `--tsc` runs the
// JavaScript compiler instead, to compare or when tsgo misbehaves.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const tsc = process.argv.includes('--tsc') ? 'node_modules/.bin/tsc' : 'node_modules/.bin/tsgo'
const noEmit = [
  'tsconfig.json',
  'apps/demo/tsconfig.json',
  'conformance/tsconfig.json',
  'conformance/child/tsconfig.json',
  'examples/tsconfig.json',
  'packages/core/e2e/tsconfig.json',
  'packages/devtools/e2e/tsconfig.json',
  'e2e/csp/tsconfig.json',
  'e2e/cross-context/tsconfig.json',
  'e2e/bridge-views/tsconfig.json',
]
const builds = ['packages/core', 'packages/react', 'packages/devtools']

let passed = 0
let failed = 0
function check(label, args) {
  const started = Date.now()
  const result = spawnSync(tsc, args, { encoding: 'utf8' })
  const ok = result.status === 0
  if (ok) passed++
  else failed++
  console.log(`${ok ? '✓' : '✗'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  if (!ok) console.log(`${result.stdout}${result.stderr}`.trim())
}

for (const project of noEmit) check(`${tsc.split('/').pop()} -p ${project} --noEmit`, ['-p', project, '--noEmit'])
const out = mkdtempSync(join(tmpdir(), 'tickwork-build-'))
for (const pkg of builds) check(`build ${pkg} (declarations, isolatedDeclarations)`, ['-p', `${pkg}/tsconfig.build.json`, '--outDir', join(out, pkg)])
rmSync(out, { recursive: true, force: true })
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
