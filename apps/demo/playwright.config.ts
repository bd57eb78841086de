import { defineConfig } from '@playwright/test'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
// @ts-expect-error -- a plain .mjs helper shared by every Playwright config; it has no types.
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs'

const here = dirname(fileURLToPath(import.meta.url))
/** The dev server (StrictMode, devtools, debug hook). Not 5173, so a running `pnpm dev` does not clash. */
export const DEV_PORT = 5183
/** `vite preview` of the production build. */
export const PREVIEW_PORT = 4183

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
