// Two real Node processes share one file store and refresh the same cached
// value 1,000 times each, at the same time; every read of the shared file, by
// either process, must parse, and no temp file may be left behind.
// Pass/fail never depends on how long anything took: the only clock here is
// a generous safety limit that turns a hung child into a failure.
// Usage: node conformance/file-store-processes.mjs
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { binaries } from './binaries.mjs'
import { outdir } from './build.mjs'
import { workspacePackages } from './workspace-plugin.mjs'

const SAFETY_LIMIT_MS = 120_000
const REFRESHES = 1000
const root = fileURLToPath(new URL('..', import.meta.url))

function runChild(args) {
  return new Promise((resolve) => {
    const child = spawn(binaries.node, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let hung = false
    const limit = setTimeout(() => {
      hung = true
      child.kill('SIGKILL')
    }, SAFETY_LIMIT_MS)
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => {
      clearTimeout(limit)
      resolve({ code, stdout, stderr, hung })
    })
  })
}

let passed = 0
let failed = 0
const name = `two Node processes refresh one file-store value ${REFRESHES} times each at once: the file always parses`
const directory = mkdtempSync(join(tmpdir(), 'tickwork-file-store-'))
try {
  await build({
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'node',
    conditions: ['tickwork-source'],
    logLevel: 'warning',
    absWorkingDir: root,
    plugins: [workspacePackages()],
    entryPoints: { 'child-file-store-writer': 'conformance/child/file-store-writer.ts' },
    outdir,
  })
  const script = `${outdir}/child-file-store-writer.js`
  const results = await Promise.all(['a', 'b'].map((writer) => runChild([script, directory, writer, String(REFRESHES)])))
  const problems = []
  results.forEach((result, index) => {
    const writer = ['a', 'b'][index]
    if (result.hung) problems.push(`writer ${writer} did not finish within the safety limit`)
    if (result.code !== 0) problems.push(`writer ${writer} exited ${result.code}: ${result.stderr.trim().slice(0, 300)}`)
    const torn = result.stdout.split('\n').filter((line) => line.startsWith('torn'))
    if (torn.length > 0) problems.push(`writer ${writer} read ${torn.length} torn files, first: ${torn[0]}`)
    if (!result.stdout.includes(`done ${writer} ${REFRESHES} 0`)) problems.push(`writer ${writer} did not report ${REFRESHES} clean refreshes: ${result.stdout.slice(-200)}`)
  })
  const left = readdirSync(directory).filter((file) => file !== 'shared.json')
  if (left.length > 0) problems.push(`files left behind: ${left.join(', ')}`)
  const final = JSON.parse(JSON.parse(readFileSync(join(directory, 'shared.json'), 'utf8')).value)
  if (final.writer !== 'a' && final.writer !== 'b') problems.push(`final value from an unknown writer: ${String(final.writer)}`)
  if (problems.length > 0) throw new Error(problems.join('\n       '))
  passed++
  console.log(`  ok   ${name}`)
} catch (error) {
  failed++
  console.log(`  FAIL ${name}\n       ${error instanceof Error ? error.message : String(error)}`)
} finally {
  rmSync(directory, { recursive: true, force: true })
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
