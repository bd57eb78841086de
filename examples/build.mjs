// Bundles the Node, Bun and Web Worker examples with esbuild, resolving
// @tickwork/core to its sources. Output: artifacts/examples/.
// Usage: node examples/build.mjs [node|bun|web-worker ...]
import { copyFileSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { workspacePackages } from '../conformance/workspace-plugin.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
export const outdir = `${root}artifacts/examples`

const targets = {
  node: [{ entryPoints: { node: 'examples/node/worker.ts' }, platform: 'node' }],
  bun: [{ entryPoints: { bun: 'examples/bun/server.ts' }, platform: 'node' }],
  'web-worker': [{ entryPoints: { 'web-worker/main': 'examples/web-worker/main.ts', 'web-worker/worker': 'examples/web-worker/worker.ts' }, platform: 'browser' }],
}

/** Builds the named examples (default: all); returns the output folder. */
export async function buildExamples(names = Object.keys(targets)) {
  for (const name of names) {
    for (const options of targets[name]) {
      await build({ ...options, bundle: true, format: 'esm', target: 'es2022', conditions: ['tickwork-source'], absWorkingDir: root, outdir, logLevel: 'warning', plugins: [workspacePackages()] })
    }
  }
  if (names.includes('web-worker')) {
    mkdirSync(`${outdir}/web-worker`, { recursive: true })
    copyFileSync(`${root}examples/web-worker/index.html`, `${outdir}/web-worker/index.html`)
  }
  return outdir
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = process.argv.slice(2)
  console.log(await buildExamples(names.length > 0 ? names : undefined))
}
