// @tickwork/react's own test files, run on React 18 from the installed
// tarballs. A test asserting React 19 behaviour that React 18 does
// differently without being wrong is skipped here, by title, with the
// reason. A title that no longer exists fails the check, so this list
// cannot go stale silently.
import { cpSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bin, root, run } from '../harness.mjs'

const SKIPS = [
  {
    file: 'use-task-status.test.tsx',
    title: 'follows runs and re-renders once per run, not once per event',
    why: 'React 18 batches the renders of several runs inside one act() into fewer renders than React 19; fewer renders is not a fault.',
  },
]

/** Copies packages/react/test into the consumer (minus the skips) and runs it with the repository's vitest. */
export async function reactTestsOnReact18(consumer) {
  const tests = join(consumer, 'test')
  cpSync(join(root, 'packages/react/test'), tests, { recursive: true })
  for (const skip of SKIPS) {
    const file = join(tests, skip.file)
    const text = readFileSync(file, 'utf8')
    const marker = `it('${skip.title}'`
    if (!text.includes(marker)) throw new Error(`packages/react/test/${skip.file} has no test "${skip.title}": update the React 18 skips in scripts/packaging/checks/react18.mjs`)
    writeFileSync(file, text.replace(marker, `it.skip('${skip.title}'`))
  }
  // The tests import 'vitest': the repository's copy, linked in after the npm install (npm would remove it).
  symlinkSync(realpathSync(join(root, 'node_modules/vitest')), join(consumer, 'node_modules/vitest'))
  const { stdout } = await run(bin('vitest'), ['run', '--config', 'vitest.config.mjs'], { cwd: consumer })
  const counts = /Tests\s+(.*)\n/.exec(stdout) // NO_COLOR is set: plain text
  return `${counts?.[1]?.trim() ?? 'passed'}; skipped on React 18: ${SKIPS.map((skip) => `"${skip.title}"`).join(', ')}`
}
