// The packaging suite: packs every package the way a release would, installs
// the tarballs with npm into scratch consumers outside the monorepo, and
// checks what adopters hit: bundlers, React 18 and 19, server rendering,
// Node-only TypeScript, require(), Deno, Bun, publint, attw and JSR.
// Every check is one test; ends with `N passed, N failed`.
// Run: node scripts/packaging/run.mjs   (keep the scratch folder: KEEP_SCRATCH=1)
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { assertPanel, rollupBuild, viteBuild, webpackBuild } from './checks/bundles.mjs'
import { reactTestsOnReact18 } from './checks/react18.mjs'
import { bunServer, examples } from './checks/runtimes.mjs'
import { tsc, writeEntries, writeReadmeExamples } from './checks/types.mjs'
import { coreCopies, installConsumer } from './consumers.mjs'
import { bin, bunBinary, check, finish, root, run, skipped } from './harness.mjs'
import { checkFiles, checkJsr, checkManifest, checkUseClient, pack, PACKAGES, repack } from './pack.mjs'

const scratch = mkdtempSync(join(tmpdir(), 'tickwork-packaging-'))
console.log(`scratch folder: ${scratch}`)
const packed = {}

// Packing builds each package (its prepack), so the three run side by side.
await Promise.all(
  PACKAGES.map((name) =>
    check(`pnpm pack @tickwork/${name}`, async () => {
      packed[name] = await pack(name, join(scratch, 'tarballs'))
    }),
  ),
)
if (Object.keys(packed).length < PACKAGES.length) {
  skipped('everything after packing', 'a package did not pack')
  finish()
}
for (const name of PACKAGES) {
  await check(`@tickwork/${name} tarball manifest: npm-installable, metadata, exports (types first, default last)`, () => checkManifest(name, packed[name]))
  await check(`@tickwork/${name} tarball files: README, LICENSE, CHANGELOG, no tests, .js declaration specifiers, declaration maps`, () => checkFiles(packed[name]))
}
await check(`'use client' heads the @tickwork/react and @tickwork/devtools entry modules`, () => checkUseClient(packed))

/** Checks of the tarballs themselves: they need no consumer, so they run while the consumers install. */
async function lintTarballs() {
  for (const name of PACKAGES) {
    await check(`publint --strict @tickwork/${name}`, () => run(bin('publint'), ['run', packed[name].tarball, '--strict', '--pack', 'false']))
    await check(`attw --profile esm-only @tickwork/${name}`, () => run(bin('attw'), [packed[name].tarball, '--profile', 'esm-only', '--format', 'table-flipped']))
  }
  await check('jsr.json of @tickwork/core matches its package.json (version, entry points)', () => checkJsr(join(root, 'packages/core/package.json'), join(root, 'packages/core/jsr.json')))
  await check('deno publish --dry-run of @tickwork/core (jsr.json)', async () => {
    // From a copy outside the workspace: Deno would otherwise read the pnpm workspace (and rewrite the root package.json).
    const jsr = join(scratch, 'jsr')
    for (const entry of ['src', 'jsr.json', 'README.md', 'CHANGELOG.md']) cpSync(join(root, 'packages/core', entry), join(jsr, entry), { recursive: true })
    cpSync(join(root, 'LICENSE'), join(jsr, 'LICENSE'))
    await run(bin('deno'), ['publish', '--dry-run'], { cwd: jsr })
  })
}

// The consumers install side by side (npm, cache first). `upgrade` gets core
// one patch release ahead: the case where an exact pin gave two copies.
const [major, minor, patch] = packed.core.manifest.version.split('.').map(Number)
const patched = { ...packed }
await check('@tickwork/core repacked as the next patch release', async () => {
  patched.core = await repack(packed.core, `${major}.${minor}.${patch + 1}`, join(scratch, 'tarballs/core-patch'))
})
const folders = {}
const installs = Promise.all(
  ['web', 'react18', 'node', 'upgrade'].map((name) =>
    check(`npm install of the tarballs into the ${name} consumer`, async () => {
      if (name === 'upgrade' && patched.core === packed.core) throw new Error('no patch release of core to install')
      folders[name] = await installConsumer(name, scratch, name === 'upgrade' ? patched : packed)
    }),
  ),
)
await Promise.all([lintTarballs(), installs])

const manifests = PACKAGES.map((name) => packed[name].manifest)
/** Runs a check only when its consumer installed. */
const on = (consumer, name, fn) => (folders[consumer] === undefined ? skipped(name, `the ${consumer} consumer did not install`) : check(name, () => fn(folders[consumer])))

/** Production builds, all in this process (so one after another: Vite sets process.env.NODE_ENV while it builds). */
async function bundles() {
  await on('web', 'Vite production build, React 19: the panel is absent', async (web) => assertPanel(await viteBuild(web, 'index.html'), false, 'vite'))
  await on('web', 'Vite production build of @tickwork/devtools/production: the panel is present', async (web) => assertPanel(await viteBuild(web, 'src/keep.js'), true, 'vite'))
  await on('react18', 'Vite production build, React 18: the panel is absent', async (app) => assertPanel(await viteBuild(app, 'index.html'), false, 'vite'))
  await on('web', 'webpack 5 production build: the panel is absent', async (web) => assertPanel(await webpackBuild(web), false, 'webpack'))
  await on('web', 'Rollup production build: the panel is absent', async (web) => assertPanel(await rollupBuild(web), false, 'rollup'))
}

/** Type checks and React runs, in child processes. */
async function typesAndReact() {
  await on('web', 'one copy of @tickwork/core in the app: react and devtools take it as a peer', (web) => {
    const copies = coreCopies(web)
    if (copies.length !== 1) throw new Error(`@tickwork/core is installed ${copies.length} times: ${copies.join(', ')}`)
  })
  await on('upgrade', "a patch release of core under react and devtools: one copy, and the app's registry is accepted", async (app) => {
    const copies = coreCopies(app)
    if (copies.length !== 1) throw new Error(`@tickwork/core is installed ${copies.length} times: ${copies.join(', ')}`)
    await run(process.execPath, ['registry.mjs'], { cwd: app })
  })
  await on('web', 'tsc --noEmit, moduleResolution bundler, skipLibCheck false (every entry point, the README examples)', async (web) => {
    writeEntries(join(web, 'types/entries.ts'), manifests)
    writeReadmeExamples(join(web, 'types/readme'), packed)
    await tsc(web, 'tsconfig.bundler.json')
  })
  await on('web', 'tsc --noEmit, module node16, skipLibCheck false (every entry point, the README examples)', (web) => tsc(web, 'tsconfig.node16.json'))
  await on('web', 'react-dom/server on React 19: renders, no warnings, nothing registered', (web) => run(process.execPath, ['ssr.mjs'], { cwd: web }))
  await on('react18', 'react-dom/server on React 18: renders, no warnings, nothing registered', (app) => run(process.execPath, ['ssr.mjs'], { cwd: app }))
  await on('react18', "@tickwork/react's own tests on React 18 (Testing Library, happy-dom)", async (app) => console.log(`    ${await reactTestsOnReact18(app)}`))
}

/** The core alone on Node, Deno and Bun. */
async function runtimes() {
  await on('node', 'Node-only TypeScript (lib ES2022, skipLibCheck false): compiles, every entry point loads, the queue, cache and shutdown work from their subpaths and not from the main entry', async (node) => {
    writeEntries(join(node, 'src/entries.ts'), [packed.core.manifest])
    await tsc(node, 'tsconfig.json')
    await run(process.execPath, ['build/main.js'], { cwd: node })
  })
  await on('node', 'CommonJS on Node: require() of every @tickwork/core entry point', (node) => run(process.execPath, ['require.cjs'], { cwd: node }))
  await on('node', 'CommonJS on Bun: require() of every @tickwork/core entry point', (node) => run(bunBinary, ['require.cjs'], { cwd: node }))
  await on('node', 'deno check of the Deno example against the tarball', async (node) => {
    cpSync(join(examples, 'deno'), join(node, 'deno'), { recursive: true, filter: (path) => !path.endsWith('deno.json') })
    cpSync(join(examples, 'harness.mjs'), join(node, 'harness.mjs'))
    await run(bin('deno'), ['check', '--config', 'deno.json', 'deno/main.ts', 'deno/test.ts'], { cwd: node })
  })
  await on('node', 'deno run of the Deno example tests against the tarball', (node) =>
    run(bin('deno'), ['run', '--config', 'deno.json', '--unstable-cron', '--unstable-kv', '-A', 'deno/test.ts'], { cwd: node }),
  )
  await on('node', 'bun run of the Bun example against the tarball (serves, refreshes, exits 0 on SIGTERM)', async (node) => {
    cpSync(join(examples, 'bun'), join(node, 'bun'), { recursive: true })
    await bunServer(node)
  })
}

// Three streams on a 2-core machine: most of each is waiting on a child process or on I/O.
await Promise.all([bundles(), typesAndReact(), runtimes()])

if (process.env.KEEP_SCRATCH) console.log(`kept ${scratch}: ${readdirSync(scratch).join(', ')}`)
else rmSync(scratch, { recursive: true, force: true })
finish()
