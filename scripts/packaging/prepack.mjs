// A package's `prepack` (run by `pnpm pack` and `pnpm publish`): builds it
// fresh, and copies the repository's LICENSE into it, so every tarball
// carries the licence its manifest names. The copy is git-ignored. The
// manifest itself is adjusted by the `beforePacking` hook in .pnpmfile.cjs.
// Run: node ../../scripts/packaging/prepack.mjs   (from a package folder)
import { spawnSync } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const build = spawnSync(process.execPath, [join(here, 'build-package.mjs')], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)
copyFileSync(join(here, '../../LICENSE'), join(process.cwd(), 'LICENSE'))
