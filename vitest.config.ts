import { defineConfig } from 'vitest/config'

// The 'tickwork-source' export condition points workspace packages at their
// TypeScript sources, so tests run without a build step.
const conditions = ['tickwork-source', 'module', 'browser', 'development|production']

/** A Vitest project over one package's test folder. */
function project(name: string, environment: 'node' | 'happy-dom', include: string[], exclude: string[] = []) {
  return {
    resolve: { conditions },
    ssr: { resolve: { conditions: ['tickwork-source', 'module', 'node', 'development|production'] } },
    test: { name, environment, include, ...(exclude.length > 0 ? { exclude: ['**/node_modules/**', ...exclude] } : {}) },
  }
}

export default defineConfig({
  test: {
    projects: [
      // The core is proven without React and without a DOM.
      // The fleet suites need real Redis and PostgreSQL servers: packages/core/test/fleet/vitest.config.ts.
      project('core', 'node', ['packages/core/test/**/*.test.ts'], ['packages/core/test/fleet/**']),
      project('react', 'happy-dom', ['packages/react/test/**/*.test.{ts,tsx}']),
      project('devtools', 'happy-dom', ['packages/devtools/test/**/*.test.{ts,tsx}']),
      project('demo', 'happy-dom', ['apps/demo/test/**/*.test.{ts,tsx}']),
    ],
  },
})
