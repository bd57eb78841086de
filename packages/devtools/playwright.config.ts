import { defineConfig, type LaunchOptions } from '@playwright/test'
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs'

// Chromium tests of the devtools panel against a page with real tasks on the
// system clock. The fixture is served by Vite on a port of its own.
export default defineConfig({
  testDir: './e2e',
  outputDir: '../../artifacts/test-results/devtools',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  use: {
    baseURL: 'http://127.0.0.1:5181',
    browserName: 'chromium',
    // The shared options leave executablePath undefined when no Chromium is installed; Playwright then reports that clearly.
    launchOptions: chromiumLaunchOptions as LaunchOptions,
    viewport: { width: 1280, height: 800 },
  },
  webServer: {
    command: 'npx vite --config packages/devtools/e2e/fixture/vite.config.ts',
    cwd: '../..',
    url: 'http://127.0.0.1:5181/',
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
