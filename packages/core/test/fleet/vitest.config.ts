import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The fleet suites start real Redis and PostgreSQL servers, so they run apart
// from the unit suite: `node scripts/run-vitest.mjs --config packages/core/test/fleet/vitest.config.ts [filter]`.
export default defineConfig({
  root: fileURLToPath(new URL('../../../..', import.meta.url)),
  resolve: { conditions: ['tickwork-source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['tickwork-source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'fleet',
    environment: 'node',
    include: ['packages/core/test/fleet/**/*.test.ts'],
    // Each file starts its own servers and child processes: one file at a time on a shared machine.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
})
