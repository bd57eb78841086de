import { defineConfig, type LaunchOptions } from '@playwright/test'
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs'
import { sharedPort } from '../../scripts/free-port.mjs'

/** Port of the strict-CSP server (serve.mjs builds, then serves): a free one, shared with the workers. */
const CSP_PORT = sharedPort('TICKWORK_CSP_PORT')

// The demo's production build and a devtools page, served with a strict
// Content-Security-Policy, in Chromium.
export default defineConfig({
  testDir: '.',
  testMatch: /\.spec\.ts$/,
  outputDir: '../../artifacts/test-results/csp',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${CSP_PORT}`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions as LaunchOptions,
    viewport: { width: 1280, height: 800 },
  },
  webServer: {
    command: `node e2e/csp/serve.mjs ${CSP_PORT}`,
    cwd: '../..',
    url: `http://127.0.0.1:${CSP_PORT}/panel/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
