// An esbuild plugin resolving `@tickwork/*` imports to their TypeScript
// sources through each package's `tickwork-source` export condition, so the
// conformance bundle, the child scripts and the examples build without a
// package install or a build step.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** @returns {import('esbuild').Plugin} */
export function workspacePackages() {
  return {
    name: 'tickwork-workspace',
    setup(build) {
      build.onResolve({ filter: /^@tickwork\/[^/]+(\/.*)?$/ }, (args) => {
        const [, name, rest] = /^@tickwork\/([^/]+)(\/.*)?$/.exec(args.path)
        const dir = `${root}packages/${name}`
        const manifest = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'))
        const target = manifest.exports?.[`.${rest ?? ''}`]?.['tickwork-source']
        if (typeof target !== 'string') return { errors: [{ text: `no tickwork-source export for "${args.path}"` }] }
        return { path: `${dir}/${target.replace(/^\.\//, '')}` }
      })
    },
  }
}
