// The edge suite: the Cloudflare example in real workerd and the Deno example
// in real Deno, one after the other. Prints the combined `N passed, N failed`.
// Run: node examples/run-edge.mjs
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const SUMMARY = /^(\d+) passed, (\d+) failed$/

const suites = [
  {
    // The Worker against the core's sources with no Node types: the main entry and /cloudflare must stay platform-neutral.
    name: 'cloudflare-worker typecheck',
    command: process.execPath,
    args: [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'examples/cloudflare-worker/tsconfig.json'],
    plain: true,
  },
  { name: 'cloudflare-worker (workerd)', command: process.execPath, args: ['examples/cloudflare-worker/test.mjs'] },
  {
    name: 'deno (Deno KV, Deno.cron)',
    command: join(root, 'node_modules/.bin/deno'),
    args: ['run', '--unstable-cron', '--unstable-kv', '-A', '--config', 'examples/deno/deno.json', 'examples/deno/test.ts'],
  },
]

function runSuite(suite) {
  return new Promise((resolve) => {
    const child = spawn(suite.command, suite.args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NO_COLOR: '1' } })
    let counts
    let buffered = ''
    child.stdout.on('data', (chunk) => {
      buffered += chunk
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const match = SUMMARY.exec(line.trim())
        // The per-suite total is folded into the grand total printed last.
        if (match) counts = { passed: Number(match[1]), failed: Number(match[2]) }
        else console.log(line)
      }
    })
    child.on('error', (error) => {
      console.log(`  could not start ${suite.name}: ${error.message}`)
    })
    child.on('close', (code) => {
      // A plain command (no summary line of its own) is one check: its exit code.
      const result = counts ?? (suite.plain && code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 })
      if (code !== 0 && result.failed === 0) result.failed = 1
      console.log(`  -> ${suite.name}: ${result.passed} passed, ${result.failed} failed`)
      resolve(result)
    })
  })
}

let passed = 0
let failed = 0
for (const suite of suites) {
  const result = await runSuite(suite)
  passed += result.passed
  failed += result.failed
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
