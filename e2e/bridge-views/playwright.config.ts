import { defineConfig, type LaunchOptions } from '@playwright/test'
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs'
import { sharedPort } from '../../scripts/free-port.mjs'

/** The fixture's Vite dev server: a free port, picked once and shared with the workers. */
const port = sharedPort('TICKWORK_BRIDGE_VIEWS_PORT')

// Chromium tests of the panel's timeline and its queue and cache views, on a
// registry that lives in a Web Worker and is seen over the bridge.
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: '../../artifacts/test-results/bridge-views',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions as LaunchOptions,
    viewport: { width: 1280, height: 800 },
    trace: 'off',
  },
  webServer: {
    command: `npx vite --config e2e/bridge-views/vite.config.ts --port ${port} --strictPort`,
    cwd: '../..',
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
