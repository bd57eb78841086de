// Runs one engine's fleet suites against real servers the tests start
// themselves: the Vitest files packages/core/test/fleet/<engine>*.test.ts,
// then the engine's example tests. Ends with the `N passed, N failed` line.
// Usage: node scripts/run-fleet.mjs redis|postgres
import { spawn } from 'node:child_process'

const SUMMARY = /^(\d+) passed, (\d+) failed/
const examples = { redis: ['examples/fleet/test.mjs'], postgres: [] }
const engine = process.argv[2]
if (!(engine in examples)) {
  console.log(`usage: node scripts/run-fleet.mjs ${Object.keys(examples).join('|')}, got ${JSON.stringify(engine)}\n0 passed, 1 failed`)
  process.exit(1)
}

const commands = [
  ['scripts/run-vitest.mjs', '--config', 'packages/core/test/fleet/vitest.config.ts', `packages/core/test/fleet/${engine}`],
  ...examples[engine].map((script) => [script]),
]
let passed = 0
let failed = 0
/** Runs one command, echoing its output; resolves its exit code and last summary line. */
function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let summary
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      process.stdout.write(chunk)
      for (const line of chunk.split('\n')) summary = SUMMARY.exec(line) ?? summary
    })
    child.on('close', (code) => resolve({ code, summary }))
  })
}

for (const args of commands) {
  const { code, summary } = await run(args)
  passed += summary ? Number(summary[1]) : 0
  failed += summary ? Number(summary[2]) : 0
  if (code !== 0 && (!summary || Number(summary[2]) === 0)) failed++
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
