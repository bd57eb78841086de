import { defineConfig } from 'vitest/config'

// The 'tickwork-source' export condition points workspace packages at their
// TypeScript sources, so tests run without a build step.
const conditions = ['tickwork-source', 'module', 'browser', 'development|production']

export default defineConfig({
  resolve: { conditions },
  test: {
    projects: [
      {
        resolve: { conditions: ['tickwork-source', 'module', 'development|production'] },
        ssr: { resolve: { conditions: ['tickwork-source', 'module', 'node', 'development|production'] } },
        test: { name: 'core', environment: 'node', include: ['packages/core/test/**/*.test.ts'] },
      },
    ],
  },
})
