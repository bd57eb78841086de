// Bundles the runtime-neutral suite (and the child-process scripts) once with
// esbuild, resolving workspace packages to their TypeScript sources.
// Output: artifacts/conformance/*.js (ESM, no imports left except node: ones in children).
import { build } from 'esbuild'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { workspacePackages } from './workspace-plugin.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
export const outdir = `${root}artifacts/conformance`

/** Builds everything the runners need; returns the output folder. */
export async function buildConformance() {
  const common = {
    bundle: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['tickwork-source'],
    logLevel: 'warning',
    absWorkingDir: root,
    plugins: [workspacePackages()],
  }
  await build({ ...common, platform: 'neutral', mainFields: ['module', 'main'], entryPoints: { suite: 'conformance/suite.ts' }, outdir })
  // The child-process scripts use node:fs, which Node, Deno and Bun all provide.
  const children = ['shutdown', 'keep-alive', 'stop-all'].filter((name) => existsSync(`${root}conformance/child/${name}.ts`))
  const entryPoints = Object.fromEntries(children.map((name) => [`child-${name}`, `conformance/child/${name}.ts`]))
  await build({ ...common, platform: 'node', entryPoints, outdir })
  return outdir
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await buildConformance())
