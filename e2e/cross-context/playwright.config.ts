import { defineConfig } from '@playwright/test'
// @ts-expect-error -- a plain .mjs helper shared by every Playwright config; it has no types.
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs'

/** The fixture's own Vite dev server; no other suite uses this port. */
export const PORT = 5191

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
    command: 'npx vite --config e2e/cross-context/vite.config.ts',
    cwd: '../..',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
