// Type checks of the consumers against the published declarations.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { root, run } from '../harness.mjs'

/** The import specifiers of every entry point in a manifest's `exports`. */
export function entrySpecifiers(manifest) {
  return Object.keys(manifest.exports)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`))
}

/** Writes `file`: a module importing every entry point of `manifests`, so each is resolved, type-checked and loaded. */
export function writeEntries(file, manifests) {
  const specifiers = manifests.flatMap(entrySpecifiers)
  const lines = specifiers.map((specifier, index) => `import * as entry${index} from '${specifier}'`)
  lines.push('', `/** One namespace per entry point. */`, `export const entries: readonly object[] = [${specifiers.map((_, index) => `entry${index}`).join(', ')}]`, '')
  writeFileSync(file, `// Written by scripts/packaging: every entry point of the installed packages.\n${lines.join('\n')}`)
  return specifiers
}

/** `tsc -p <project>` in `cwd` with the repository's TypeScript. */
export function tsc(cwd, project) {
  return run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd })
}

/** Writes the ts/tsx blocks of each packed README into `dir/<package>.tsx`, one module per README, to be type-checked with the rest. */
export function writeReadmeExamples(dir, packed) {
  mkdirSync(dir, { recursive: true })
  for (const [name, { unpacked }] of Object.entries(packed)) {
    const blocks = [...readFileSync(join(unpacked, 'README.md'), 'utf8').matchAll(/^```tsx?\n([\s\S]*?)^```$/gm)].map((match) => match[1])
    writeFileSync(join(dir, `${name}.tsx`), `// The examples of @tickwork/${name}'s README.\nexport {}\n${blocks.join('\n')}`)
  }
}
