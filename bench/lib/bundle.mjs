// esbuild helpers shared by the size check and the benchmarks. Workspace
// packages resolve to their TypeScript sources through the `tickwork-source`
// export condition, so `pnpm bench` needs no build step on a fresh clone.
import { build } from 'esbuild'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The bench/ folder: bundles resolve packages from here (bench/package.json). */
export const benchDir = dirname(dirname(fileURLToPath(import.meta.url)))
/** Where bundles for other runtimes are written (git-ignored build output). */
export const outDir = join(benchDir, '.out')

const conditions = ['tickwork-source', 'module']

/**
 * Bundles a module given as source text; returns the minified code as bytes.
 * `external` lists packages left out (peer dependencies, as size-limit does).
 */
export async function bundleSource(contents, { platform = 'neutral', minify = true, external = [] } = {}) {
  const result = await build({
    stdin: { contents, resolveDir: benchDir, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify,
    format: 'esm',
    target: 'es2022',
    write: false,
    conditions,
    platform,
    mainFields: ['module', 'main'],
    external,
    metafile: true,
    logLevel: 'error',
  })
  return { code: result.outputFiles[0].contents, metafile: result.metafile }
}

/** Bundles `entry` (a file path) to `bench/.out/<name>.mjs` for Deno, Bun, Chromium or a child process. */
export async function bundleFile(entry, name, { platform = 'neutral', globalName } = {}) {
  mkdirSync(outDir, { recursive: true })
  // A browser script tag gets an IIFE assigning `globalName`; everything else an ES module.
  const outfile = join(outDir, globalName ? `${name}.js` : `${name}.mjs`)
  await build({
    entryPoints: [entry],
    bundle: true,
    format: globalName ? 'iife' : 'esm',
    ...(globalName ? { globalName } : {}),
    target: 'es2022',
    outfile,
    conditions,
    platform,
    mainFields: ['module', 'main'],
    logLevel: 'error',
  })
  return outfile
}
