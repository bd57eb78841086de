// The packaging suite's bookkeeping: named checks (one test each), child
// processes with captured output, and the closing `N passed, N failed`.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
/** A binary from the repository's node_modules/.bin (the suite's tools are its devDependencies). */
export const bin = (name) => join(root, 'node_modules/.bin', name)

/** The Bun binary itself: node_modules/.bin/bun is a shell wrapper that would not pass a signal on. */
export const bunBinary = join(root, 'node_modules/bun/bin/bun.exe')

const results = []

/**
 * Runs one check and records it as one test. `fn` throws (or rejects) to
 * fail; its message is printed under the check's name.
 */
export async function check(name, fn) {
  const started = Date.now()
  try {
    await fn()
    results.push({ name, ok: true })
    console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  } catch (error) {
    results.push({ name, ok: false })
    console.log(`✗ ${name}`)
    console.log(indent(error instanceof Error ? (error.detail ?? error.message) : String(error)))
  }
}

/** Records a check that could not run because one it depends on failed. */
export function skipped(name, because) {
  results.push({ name, ok: false })
  console.log(`✗ ${name}\n${indent(`not run: ${because}`)}`)
}

/** Prints the totals and exits non-zero on any failure. */
export function finish() {
  const passed = results.filter((result) => result.ok).length
  const failed = results.length - passed
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed > 0 || passed === 0 ? 1 : 0)
}

const indent = (text) =>
  text
    .trim()
    .split('\n')
    .slice(0, 60)
    .map((line) => `    ${line}`)
    .join('\n')

/**
 * Runs a command to its end and returns its output; rejects on a non-zero exit
 * (or a signal) with the output as the error's detail.
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env }
    // A bundler run in this process may have set NODE_ENV=production; children get React's development build unless told.
    if (options.env?.NODE_ENV === undefined) delete env.NODE_ENV
    const child = spawn(command, args, { cwd: options.cwd ?? root, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code === 0 || options.allowFailure) return resolve({ code, stdout, stderr })
      const error = new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`)
      error.detail = `${error.message}\n${stdout}\n${stderr}`
      reject(error)
    })
  })
}

/** Throws with `message` unless `condition` holds. */
export function assert(condition, message) {
  if (!condition) throw new Error(message)
}
