import { defineConfig, type LaunchOptions } from '@playwright/test'
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs'
import { sharedPort } from '../../scripts/free-port.mjs'

/** The fixture's Vite dev server: a free port, picked once and shared with the workers. */
const PORT = sharedPort('TICKWORK_DEVTOOLS_E2E_PORT')

// Chromium tests of the devtools panel against a page with real tasks on the
// system clock. The fixture is served by Vite on a free port.
export default defineConfig({
  testDir: './e2e',
  outputDir: '../../artifacts/test-results/devtools',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    // The shared options leave executablePath undefined when no Chromium is installed; Playwright then reports that clearly.
    launchOptions: chromiumLaunchOptions as LaunchOptions,
    viewport: { width: 1280, height: 800 },
  },
  webServer: {
    // --strictPort: on a busy port Vite would move elsewhere and the tests would wait on the wrong URL.
    command: `npx vite --config packages/devtools/e2e/fixture/vite.config.ts --port ${PORT} --strictPort`,
    cwd: '../..',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
