// Real child processes on Node, Deno and Bun: graceful shutdown on SIGTERM
// and SIGINT, processes that must exit by themselves (keep-alive, stopAll()),
// and the Node and Bun examples.
// Pass/fail never depends on how long anything took: the only clock here is
// a generous safety limit that turns a hung child into a failure.
// Usage: node conformance/child-processes.mjs [node|deno|bun ...]
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { binaries } from './binaries.mjs'
import { buildConformance } from './build.mjs'
import { buildExamples } from '../examples/build.mjs'

const SAFETY_LIMIT_MS = 30_000
let dir
let examples
try {
  dir = await buildConformance()
  examples = await buildExamples(['node', 'bun'])
} catch (error) {
  console.log(`build failed: ${String(error)}\n0 passed, 1 failed`)
  process.exit(1)
}
const commands = {
  node: (script, ...args) => [binaries.node, [`${dir}/${script}`, ...args]],
  deno: (script, ...args) => [binaries.deno, ['run', '--allow-all', '--no-config', '--no-lock', `${dir}/${script}`, ...args]],
  bun: (script, ...args) => [binaries.bun, [`${dir}/${script}`, ...args]],
}

/**
 * Starts a child and resolves with its exit code, signal and output.
 * `onLine` sees each stdout line and may act on the child (send a signal).
 */
function runChild([command, args], onLine = () => {}, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    let pending = ''
    let hung = false
    const limit = setTimeout(() => {
      hung = true
      child.kill('SIGKILL')
    }, SAFETY_LIMIT_MS)
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      pending += chunk
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) onLine(line, child)
    })
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', (error) => (stderr += String(error)))
    child.on('close', (code, signal) => {
      clearTimeout(limit)
      resolve({ code, signal, stdout, stderr, hung })
    })
  })
}

class Failure extends Error {}
const check = (condition, message) => {
  if (!condition) throw new Failure(message)
}
/** Common end checks: it exited by itself with code 0. */
const exitedCleanly = (result) => {
  check(!result.hung, `did not exit by itself within the ${SAFETY_LIMIT_MS / 1000} s safety limit`)
  check(result.code === 0 && result.signal === null, `exit code ${result.code}, signal ${result.signal}; stderr: ${result.stderr.trim().slice(0, 400)}`)
}

/** Sends `signal` while a run is mid-write; the run must finish, the hooks flush, the exit code be 0. */
async function shutdownMidWrite(runtime, signal) {
  const out = mkdtempSync(join(tmpdir(), `tickwork-shutdown-${runtime}-`))
  try {
    let signalled = false
    const result = await runChild(commands[runtime]('child-shutdown.js', out), (line, child) => {
      // `ready` is printed right after a run wrote its first half: the signal lands mid-write.
      if (line === 'ready' && !signalled) {
        signalled = true
        child.kill(signal)
      }
    })
    check(signalled, `the child never printed ready; stdout: ${result.stdout.slice(0, 200)}`)
    exitedCleanly(result)
    check(existsSync(`${out}/state.json`), 'the flush hook did not write state.json')
    const state = JSON.parse(readFileSync(`${out}/state.json`, 'utf8'))
    check(state.reason === signal, `hook reason ${state.reason}, sent ${signal}`)
    check(state.states.every((s) => s === 'stopped'), `task states at flush time: ${state.states.join(', ')}`)
    const lines = readFileSync(`${out}/runs.log`, 'utf8').trim().split('\n')
    for (const [i, line] of lines.entries()) check(line === `${i % 2 === 0 ? 'begin' : 'end'} ${Math.floor(i / 2)}`, `runs.log line ${i + 1} is "${line}": a run was cut off`)
    check(lines.length % 2 === 0, `runs.log ends with "${lines.at(-1)}": the last run was cut off mid-write`)
    check(state.written === lines.length / 2, `state.json counted ${state.written} complete runs, runs.log has ${lines.length / 2}`)
    check(existsSync(`${out}/hooks.log`), 'the second hook did not run')
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

const scenarios = {
  'SIGTERM mid-write: the run finishes, hooks flush state, exit code 0': (runtime) => shutdownMidWrite(runtime, 'SIGTERM'),
  'SIGINT mid-write: the same': (runtime) => shutdownMidWrite(runtime, 'SIGINT'),
  async 'keepAlive: false tasks alone do not hold the process: it exits by itself'(runtime) {
    exitedCleanly(await runChild(commands[runtime]('child-keep-alive.js', 'background')))
  },
  async 'installShutdown() signal listeners do not hold the process either'(runtime) {
    const result = await runChild(commands[runtime]('child-keep-alive.js', 'background-shutdown'))
    exitedCleanly(result)
    check(!result.stdout.includes('unexpected shutdown'), 'a shutdown ran without a signal')
  },
  async 'a keep-alive task holds the process for its 5 runs, then it exits by itself'(runtime) {
    const result = await runChild(commands[runtime]('child-keep-alive.js', 'mixed'))
    exitedCleanly(result)
    for (let i = 0; i < 5; i++) check(result.stdout.includes(`foreground ${i}\n`), `foreground run ${i} missing: the process exited early`)
    check(result.stdout.includes('background 0\n'), 'the keepAlive: false task never ran beside it')
  },
  async 'after stopAll() no timer is left: the process exits by itself'(runtime) {
    const result = await runChild(commands[runtime]('child-stop-all.js'))
    exitedCleanly(result)
    check(result.stdout.includes('stopped true'), `stopAll() did not report every run settled; stdout: ${result.stdout.slice(0, 200)}`)
  },
}

/** Runs the Node worker example until it processed `until` jobs, then sends SIGTERM. */
async function runNodeExample(checkpoint, until) {
  const result = await runChild([binaries.node, [`${examples}/node.js`, checkpoint]], (line, child) => {
    if (line === `processed ${until}`) child.kill('SIGTERM')
  })
  exitedCleanly(result)
  check(existsSync(checkpoint), 'no checkpoint written')
  return JSON.parse(readFileSync(checkpoint, 'utf8')).processed
}

/** Examples, each on its own runtime. */
const exampleScenarios = {
  node: {
    async 'examples/node: SIGTERM saves the checkpoint, exit 0, and the next start resumes from it'() {
      const out = mkdtempSync(join(tmpdir(), 'tickwork-example-node-'))
      try {
        const first = await runNodeExample(`${out}/checkpoint.json`, 2)
        check(first >= 2, `checkpoint says ${first} jobs, the log said 2`)
        const second = await runNodeExample(`${out}/checkpoint.json`, first + 1)
        check(second > first, `second run did not resume: ${first} then ${second}`)
      } finally {
        rmSync(out, { recursive: true, force: true })
      }
    },
  },
  bun: {
    async 'examples/bun: serves the task output over HTTP and exits 0 on SIGTERM'() {
      let url
      let served
      const result = await runChild([binaries.bun, [`${examples}/bun.js`]], (line, child) => {
        const match = /^listening on (\S+)/.exec(line)
        if (!match) return
        url = match[1]
        served = (async () => {
          // Bounded by attempts, not time: the first refresh runs right after start.
          for (let attempt = 0; attempt < 100; attempt++) {
            const prices = await (await fetch(`${url}/prices`)).json()
            if (prices.version >= 1) return { prices, status: await (await fetch(`${url}/status`)).json() }
            await new Promise((resolve) => setTimeout(resolve, 20))
          }
          return { prices: null, status: null }
        })().finally(() => child.kill('SIGTERM'))
      }, { PORT: '0' })
      check(url !== undefined, `never printed its URL; stdout: ${result.stdout.slice(0, 200)} stderr: ${result.stderr.slice(0, 300)}`)
      const { prices, status } = await served
      check(prices?.prices?.btc > 60_000, `GET /prices: ${JSON.stringify(prices)}`)
      check(status?.totalCount === 1 && status.tasks[0].name === 'refresh-prices', `GET /status: ${JSON.stringify(status)?.slice(0, 200)}`)
      exitedCleanly(result)
    },
  },
}

const only = process.argv.slice(2)
let passed = 0
let failed = 0
for (const runtime of Object.keys(commands)) {
  if (only.length > 0 && !only.includes(runtime)) continue
  for (const [name, scenario] of [...Object.entries(scenarios), ...Object.entries(exampleScenarios[runtime] ?? {})]) {
    try {
      await scenario(runtime)
      passed++
      console.log(`  ok   [${runtime}] ${name}`)
    } catch (error) {
      failed++
      console.log(`  FAIL [${runtime}] ${name}\n       ${error instanceof Failure ? error.message : String(error)}`)
    }
  }
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
