// The scratch consumers: projects outside the monorepo that install the
// packed tarballs with npm, the way an adopter's app would. Each gets its
// fixture folders copied in and a package.json written here.
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { root, run } from './harness.mjs'

const fixtures = join(root, 'scripts/packaging/fixtures')

/** What each consumer installs besides the tarballs (by package folder name). */
export const CONSUMERS = {
  // A Vite/webpack/Rollup app on React 19, also type-checked in bundler and node16 modes.
  web: {
    fixtures: ['web'],
    tarballs: ['core', 'react', 'devtools'],
    dependencies: { react: '^19.2.0', 'react-dom': '^19.2.0', '@types/react': '^19.2.0', '@types/react-dom': '^19.2.0', '@types/node': '^20.19.0' },
  },
  // The same app on React 18, server rendering, and the React bindings' own tests.
  react18: {
    fixtures: ['web', 'react18'],
    tarballs: ['core', 'react', 'devtools'],
    dependencies: { react: '^18.3.1', 'react-dom': '^18.3.1', '@testing-library/react': '^16.3.0', '@testing-library/dom': '^10.4.0' },
  },
  // React 19 with core one patch release ahead of what react and devtools were packed with.
  upgrade: {
    fixtures: ['upgrade'],
    tarballs: ['core', 'react', 'devtools'],
    dependencies: { react: '^19.2.0', 'react-dom': '^19.2.0' },
  },
  // Node only: no DOM lib, no React; also what Deno and Bun run from node_modules.
  node: {
    fixtures: ['node'],
    tarballs: ['core'],
    dependencies: { croner: '^11.0.1', '@types/node': '^20.19.0' },
  },
}

/** Creates consumer `name` in `dir` and installs it with npm; returns its folder. */
export async function installConsumer(name, dir, packed) {
  const consumer = CONSUMERS[name]
  const folder = join(dir, name)
  for (const fixture of consumer.fixtures) cpSync(join(fixtures, fixture), folder, { recursive: true })
  const dependencies = { ...consumer.dependencies }
  for (const pkg of consumer.tarballs) dependencies[packed[pkg].manifest.name] = `file:${packed[pkg].tarball}`
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ name: `tickwork-consumer-${name}`, private: true, type: 'module', dependencies }, null, 2)}\n`)
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: folder })
  return folder
}

/** Every copy of `@tickwork/core` npm installed in a consumer, as folder paths relative to it. */
export function coreCopies(folder, prefix = 'node_modules') {
  const copies = existsSync(join(folder, prefix, '@tickwork/core/package.json')) ? [`${prefix}/@tickwork/core`] : []
  const scoped = join(folder, prefix, '@tickwork')
  const nested = existsSync(scoped) ? readdirSync(scoped).map((name) => `${prefix}/@tickwork/${name}/node_modules`) : []
  return [...copies, ...nested.filter((path) => existsSync(join(folder, path))).flatMap((path) => coreCopies(folder, path))]
}
