// Tests the fleet example: one command starts Redis and three instances; the
// task runs on exactly one of them, and after the runner is stopped another
// takes over. The verdict is read from the output (who ran which report), not
// from how long anything took; --for is only how long the demo is left running.
// Usage: node examples/fleet/test.mjs
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const child = spawn(process.execPath, ['examples/fleet/run.mjs', '--for', '12000'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
let output = ''
child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk))
const code = await new Promise((resolve) => child.on('exit', resolve))
const lines = output.split('\n')

const reports = lines.map((line) => /^(web-\d): report #(\d+) \(fence (\d+)\)$/.exec(line)).filter(Boolean)
const stopped = lines.map((line) => /^run\.mjs: stopping (web-\d)/.exec(line)).find(Boolean)?.[1]
// Who ran the reports, in order, with repeats collapsed: [the stopped one, the one that took over].
const runners = reports.map((match) => match[1]).filter((name, index, all) => name !== all[index - 1])
const counts = reports.map((match) => Number(match[2]))
const fences = reports.map((match) => Number(match[3]))

const checks = {
  'run.mjs exits 0 and stops the fleet': code === 0 && output.includes('fleet stopped'),
  'the task runs on one instance until it is stopped, then on one other': runners.length === 2 && runners[0] === stopped,
  'the standbys say who runs it': lines.some((line) => new RegExp(`^web-\\d: runs on ${stopped}$`).test(line)),
  'every report is counted once, in order': counts.length > 2 && counts.every((count, index) => count === index + 1),
  'the fencing token grows at the takeover': fences.at(-1) > fences[0],
}
let passed = 0
for (const [name, ok] of Object.entries(checks)) {
  console.log(`${ok ? '✓' : '✗'} ${name}`)
  if (ok) passed++
}
if (passed < Object.keys(checks).length) console.log(output)
console.log(`${passed} passed, ${Object.keys(checks).length - passed} failed`)
process.exit(passed === Object.keys(checks).length ? 0 : 1)
