import { defineConfig } from '@playwright/test'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs'
import { sharedPort } from '../../scripts/free-port.mjs'

const here = dirname(fileURLToPath(import.meta.url))
// Free ports, picked once and shared with the workers, so a running `pnpm dev`
// or a second checkout never clashes. --strictPort below: on a busy port Vite
// would move elsewhere and the tests would wait on the wrong URL.
/** The dev server (StrictMode, devtools, debug hook). */
const DEV_PORT = sharedPort('TICKWORK_DEMO_DEV_PORT')
/** `vite preview` of the production build. */
const PREVIEW_PORT = sharedPort('TICKWORK_DEMO_PREVIEW_PORT')

export default defineConfig({
  testDir: './e2e',
  outputDir: '../../test-results/demo',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two cores on CI, shared with a dev server and a preview server.
  workers: 1,
  retries: 0,
  reporter: 'list',
  use: {
    launchOptions: chromiumLaunchOptions,
    viewport: { width: 1280, height: 900 },
    trace: 'off',
  },
  projects: [
    { name: 'dev', testMatch: /dev\..*spec\.ts$/, use: { baseURL: `http://localhost:${DEV_PORT}` } },
    { name: 'production', testMatch: /prod\..*spec\.ts$/, use: { baseURL: `http://localhost:${PREVIEW_PORT}` } },
  ],
  webServer: [
    {
      command: `npx vite --port ${DEV_PORT} --strictPort`,
      cwd: here,
      url: `http://localhost:${DEV_PORT}/`,
      reuseExistingServer: false,
      timeout: 90_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npx vite build --logLevel warn && npx vite preview --port ${PREVIEW_PORT} --strictPort`,
      cwd: here,
      url: `http://localhost:${PREVIEW_PORT}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
})
