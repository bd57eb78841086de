// Builds the conformance bundle once and runs it on six runtimes: Node, Deno,
// Bun, a Chromium page, a Web Worker in that page, and workerd. Prints each
// runtime's output, a per-runtime table, and the total `N passed, N failed`
// line last; exits non-zero when any runtime fails or does not report.
// Usage: node conformance/run-all.mjs [runtime ...]
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { binaries } from './binaries.mjs'
import { buildConformance } from './build.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
let dir
try {
  dir = await buildConformance()
} catch (error) {
  console.log(`build failed: ${String(error)}\n0 passed, 1 failed`)
  process.exit(1)
}

const runtimes = {
  node: [process.execPath, ['conformance/runners/node.mjs', `${dir}/suite.js`]],
  deno: [binaries.deno, ['run', '--no-config', '--no-lock', 'conformance/runners/deno.mjs']],
  bun: [binaries.bun, ['conformance/runners/node.mjs', `${dir}/suite.js`]],
  chromium: [process.execPath, ['conformance/runners/browser.mjs', dir, 'page']],
  'web-worker': [process.execPath, ['conformance/runners/browser.mjs', dir, 'worker']],
  workerd: [process.execPath, ['conformance/runners/workerd.mjs', dir]],
  // Not a runtime: the Web Worker example, in the same Chromium.
  'example:web-worker': [process.execPath, ['examples/web-worker/test.mjs']],
}
const only = process.argv.slice(2)
const unknown = only.filter((name) => !(name in runtimes))
if (unknown.length > 0) {
  console.error(`unknown runtime(s): ${unknown.join(', ')}; known: ${Object.keys(runtimes).join(', ')}`)
  process.exit(2)
}

const SUMMARY = /(\d+) passed, (\d+) failed/
/** A runtime still running after this long has hung: it is killed and counts as failed. */
const HANG_LIMIT_MS = 150_000

/** Runs one runtime; its last summary line counts, and a crash without one is one failure. */
function run(name, [command, args]) {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const limit = setTimeout(() => {
      output += `\nkilled: still running after ${HANG_LIMIT_MS / 1000} s`
      child.kill('SIGKILL')
    }, HANG_LIMIT_MS)
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', (error) => (output += `\n${String(error)}`))
    child.on('close', (code) => {
      clearTimeout(limit)
      const matches = [...output.matchAll(new RegExp(SUMMARY, 'g'))]
      const last = matches.at(-1)
      const counts = last ? { passed: Number(last[1]), failed: Number(last[2]) } : { passed: 0, failed: 1 }
      if (code !== 0 && counts.failed === 0) counts.failed = 1
      console.log(`\n--- ${name} (exit ${code})\n${output.trimEnd()}`)
      resolve({ name, ...counts, seconds: (Date.now() - started) / 1000 })
    })
  })
}

const rows = []
for (const [name, command] of Object.entries(runtimes)) {
  if (only.length > 0 && !only.includes(name)) continue
  rows.push(await run(name, command))
}
const passed = rows.reduce((sum, row) => sum + row.passed, 0)
const failed = rows.reduce((sum, row) => sum + row.failed, 0)
console.log('\nruntime              passed  failed  seconds')
for (const row of rows) console.log(`${row.name.padEnd(19)} ${String(row.passed).padStart(7)} ${String(row.failed).padStart(7)} ${row.seconds.toFixed(1).padStart(8)}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
