// @tickwork/react's own test files, run unchanged on React 18 from the
// installed tarballs.
import { cpSync, realpathSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { bin, root, run } from '../harness.mjs'

/** Copies packages/react/test into the consumer and runs it with the repository's vitest. */
export async function reactTestsOnReact18(consumer) {
  const tests = join(consumer, 'test')
  cpSync(join(root, 'packages/react/test'), tests, { recursive: true })
  // The tests import 'vitest': the repository's copy, linked in after the npm install (npm would remove it).
  symlinkSync(realpathSync(join(root, 'node_modules/vitest')), join(consumer, 'node_modules/vitest'))
  const { stdout } = await run(bin('vitest'), ['run', '--config', 'vitest.config.mjs'], { cwd: consumer })
  const counts = /Tests\s+(.*)\n/.exec(stdout) // NO_COLOR is set: plain text
  return counts?.[1]?.trim() ?? 'passed'
}
