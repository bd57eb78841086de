import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs'

// Chromium tests of what only a browser has: document visibility, the real
// `scheduler.postTask`, and IndexedDB. The page is bundled with esbuild and
// served through page.route(), so no server or port is involved.
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: '../../../artifacts/test-results/core-browser',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    trace: 'off',
  },
})
