// Packs every package with `pnpm pack` (its prepack builds it and copies the
// LICENSE; the .pnpmfile.cjs hook strips the source condition), then checks
// what a registry would receive: the manifest and the files of each tarball.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tsSpecifiers, startsWithUseClient } from './declarations.mjs'
import { assert, root, run } from './harness.mjs'

/** The packages, by folder under packages/. */
export const PACKAGES = ['core', 'react', 'devtools']

/** Packs one package into `dir/<name>/` and unpacks it beside; returns `{ tarball, unpacked, manifest }`. */
export async function pack(name, dir) {
  const destination = join(dir, name)
  mkdirSync(destination, { recursive: true })
  await run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', destination], { cwd: join(root, 'packages', name) })
  const file = readdirSync(destination).find((entry) => entry.endsWith('.tgz'))
  assert(file !== undefined, `pnpm pack left no .tgz in ${destination}`)
  const unpacked = join(destination, 'unpacked')
  mkdirSync(unpacked)
  await run('tar', ['-xzf', join(destination, file), '-C', unpacked])
  const pkg = join(unpacked, 'package')
  return { tarball: join(destination, file), unpacked: pkg, manifest: JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) }
}

function filesUnder(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`
    return entry.isDirectory() ? filesUnder(dir, path) : [path]
  })
}

/** Every file path an `exports` map points at. */
function exportTargets(exports) {
  if (typeof exports === 'string') return [exports]
  if (exports === null || typeof exports !== 'object') return []
  return Object.values(exports).flatMap(exportTargets)
}

/** The manifest a registry receives: installable by npm, metadata complete, exports well-formed. */
export function checkManifest(name, { manifest, unpacked }) {
  const text = JSON.stringify(manifest)
  const problems = []
  const want = (condition, message) => condition || problems.push(message)
  want(!text.includes('workspace:'), 'a workspace: range is left (npm cannot install it)')
  want(!text.includes('tickwork-source'), 'the tickwork-source condition is left in exports')
  want(manifest.license === 'MIT', `license is ${manifest.license}`)
  for (const field of ['description', 'repository', 'homepage', 'bugs', 'keywords', 'engines']) want(manifest[field] !== undefined, `no ${field}`)
  want(manifest.engines?.node === '>=20.19', `engines.node is ${manifest.engines?.node}`)
  want(manifest.publishConfig?.access === 'public', 'publishConfig.access is not public')
  want(manifest.sideEffects === false, 'sideEffects is not false')
  want(manifest.type === 'module', 'type is not module')
  for (const [subpath, entry] of Object.entries(manifest.exports ?? {})) {
    if (typeof entry === 'string') continue
    const keys = Object.keys(entry)
    want(keys[0] === 'types' && keys.at(-1) === 'default', `exports["${subpath}"] conditions are ${keys.join(', ')} (want types first, default last)`)
  }
  for (const target of exportTargets(manifest.exports)) want(existsSync(join(unpacked, target)), `exports points at ${target}, which is not in the tarball`)
  if (name !== 'core') {
    const range = manifest.peerDependencies?.['@tickwork/core']
    want(typeof range === 'string' && range.startsWith('^'), `peerDependencies["@tickwork/core"] is ${range} (want a caret range)`)
    want(manifest.dependencies?.['@tickwork/core'] === undefined, '@tickwork/core is a dependency (two copies after a patch release of core)')
  }
  if (problems.length > 0) throw new Error(problems.join('\n'))
}

/** The tarball's files: README, LICENSE, CHANGELOG, no tests, declarations with .js specifiers and maps. */
export function checkFiles({ unpacked }) {
  const files = filesUnder(unpacked)
  const problems = []
  for (const required of ['README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.js', 'dist/index.d.ts']) if (!files.includes(required)) problems.push(`${required} is missing`)
  const tests = files.filter((file) => /\.test\.|(^|\/)test\//.test(file))
  if (tests.length > 0) problems.push(`tests are packed: ${tests.join(', ')}`)
  for (const file of files.filter((f) => f.endsWith('.d.ts'))) {
    const left = tsSpecifiers(readFileSync(join(unpacked, file), 'utf8'))
    if (left.length > 0) problems.push(`${file} imports ${left.join(', ')} (want .js)`)
    if (!files.includes(`${file}.map`)) problems.push(`${file} has no declaration map`)
  }
  if (problems.length > 0) throw new Error(problems.slice(0, 20).join('\n'))
}

/** The React packages' entry modules start with 'use client' in the tarball (a Server Components bundler keeps them client-side). */
export function checkUseClient(packed) {
  const entries = { react: ['dist/index.js'], devtools: ['dist/index.js', 'dist/production.js'] }
  const problems = []
  for (const [name, files] of Object.entries(entries)) {
    for (const file of files) {
      if (!startsWithUseClient(readFileSync(join(packed[name].unpacked, file), 'utf8'))) problems.push(`@tickwork/${name}/${file} does not start with 'use client'`)
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'))
}

/** `jsr.json` of core names the same version and entry points as its package.json (sources, as JSR publishes TypeScript). */
export function checkJsr(coreManifestPath, jsrPath) {
  const manifest = JSON.parse(readFileSync(coreManifestPath, 'utf8'))
  const jsr = JSON.parse(readFileSync(jsrPath, 'utf8'))
  const fromManifest = Object.fromEntries(Object.entries(manifest.exports).flatMap(([subpath, entry]) => (typeof entry === 'string' ? [] : [[subpath, entry['tickwork-source']]])))
  const problems = []
  if (jsr.name !== manifest.name) problems.push(`jsr.json name ${jsr.name}, package.json ${manifest.name}`)
  if (jsr.version !== manifest.version) problems.push(`jsr.json version ${jsr.version}, package.json ${manifest.version}`)
  if (JSON.stringify(jsr.exports) !== JSON.stringify(fromManifest)) problems.push(`jsr.json exports ${JSON.stringify(jsr.exports)}\npackage.json sources ${JSON.stringify(fromManifest)}`)
  if (problems.length > 0) throw new Error(problems.join('\n'))
}

/** A copy of a packed package under another version (a patch release of core, say), as `{ tarball, unpacked, manifest }`. */
export async function repack({ unpacked, manifest }, version, dir) {
  const copy = join(dir, 'package')
  cpSync(unpacked, copy, { recursive: true })
  const next = { ...manifest, version }
  writeFileSync(join(copy, 'package.json'), `${JSON.stringify(next, null, 2)}\n`)
  const tarball = join(dir, `${manifest.name.replace('@', '').replace('/', '-')}-${version}.tgz`)
  await run('tar', ['-czf', tarball, '-C', dir, 'package'])
  return { tarball, unpacked: copy, manifest: next }
}
