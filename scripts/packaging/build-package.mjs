// Builds the package in the current folder (its `build` script runs this):
// a clean `dist/` from `tsc -p tsconfig.build.json`, then declarations whose
// relative specifiers end in `.js`. tsc's `rewriteRelativeImportExtensions`
// rewrites `./x.ts` in the JavaScript only; a `.d.ts` keeping `./x.ts` is
// resolved by TypeScript 5 only through that extension, and silently becomes
// `any` in older versions. Last, it checks that every `'use client'`
// directive of the sources is still first in its emitted module.
// Run: node ../../scripts/packaging/build-package.mjs   (from a package folder)
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rewriteSpecifiers, startsWithUseClient } from './declarations.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const pkg = process.cwd()
const dist = join(pkg, 'dist')

rmSync(dist, { recursive: true, force: true })
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: pkg, stdio: 'inherit' })
if (tsc.status !== 0) process.exit(tsc.status ?? 1)

/** Every file under `dir`, recursively. */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]))
}

let rewritten = 0
const problems = []
for (const file of files(dist)) {
  if (file.endsWith('.d.ts')) {
    const text = readFileSync(file, 'utf8')
    const next = rewriteSpecifiers(text)
    if (next !== text) {
      writeFileSync(file, next)
      rewritten++
    }
  }
  if (file.endsWith('.js')) {
    const source = ['.tsx', '.ts'].map((ext) => join(pkg, 'src', relative(dist, file).replace(/\.js$/, ext))).find((path) => existsSync(path))
    if (source !== undefined && startsWithUseClient(readFileSync(source, 'utf8')) && !startsWithUseClient(readFileSync(file, 'utf8'))) {
      problems.push(`${relative(pkg, file)} lost its 'use client' directive`)
    }
  }
}
for (const problem of problems) console.error(`[tickwork build] ${problem}`)
if (problems.length > 0) process.exit(1)
console.log(`[tickwork build] ${relative(root, pkg)}: dist/ built, ${rewritten} declaration files rewritten to .js specifiers`)
