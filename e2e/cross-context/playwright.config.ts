import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs'
import { sharedPort } from '../../scripts/free-port.mjs'

/** The fixture's own Vite dev server: a free port, picked once and shared with the workers. */
const PORT = sharedPort('TICKWORK_CROSS_CONTEXT_PORT')

// Chromium tests of the bridge (a worker's registry seen and controlled from
// the page) and of single-runner tasks across two pages of one origin.
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: '../../artifacts/test-results/cross-context',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    trace: 'off',
  },
  webServer: {
    // --strictPort: on a busy port Vite would move elsewhere and the tests would wait on the wrong URL.
    command: `npx vite --config e2e/cross-context/vite.config.ts --port ${PORT} --strictPort`,
    cwd: '../..',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
