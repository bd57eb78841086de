import { defineConfig, type LaunchOptions } from '@playwright/test'
import { freePort } from '../../conformance/runners/free-port.mjs'
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs'

// A free port, chosen once by the runner: its workers load this file again and
// inherit the variable, so every process agrees on the fixture's URL.
process.env.TICKWORK_DEVTOOLS_PORT ??= String(await freePort())
const port = Number(process.env.TICKWORK_DEVTOOLS_PORT)

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
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    // The shared options leave executablePath undefined when no Chromium is installed; Playwright then reports that clearly.
    launchOptions: chromiumLaunchOptions as LaunchOptions,
    viewport: { width: 1280, height: 800 },
  },
  webServer: {
    command: `npx vite --config packages/devtools/e2e/fixture/vite.config.ts --port ${port} --strictPort`,
    cwd: '../..',
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
