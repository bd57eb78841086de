import { expect, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const SCREENSHOTS = resolve(ROOT, 'artifacts/screenshots')

/** The demo's own jobs, in registration order (the last one is the search indexer's trigger-queue worker). */
export const JOB_NAMES = ['heartbeat', 'status-poller', 'metrics-flusher', 'cache-warmer', 'license-check', 'search-indexer']

/**
 * Collects console errors and uncaught page errors from the moment it is
 * called. Chromium logs every HTTP error response as a console error; the
 * 503s of `/api/status` are the failures the demo injects on purpose, so
 * those (and only those) are left out.
 */
export function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const injected = message.location().url.includes('/api/status') && message.text().includes('status of 503')
    if (!injected) errors.push(`console.error: ${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  return errors
}

/** Saves `artifacts/screenshots/demo-<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: resolve(SCREENSHOTS, `demo-${name}.png`), fullPage: false })
}

/** The text of a job card's run count. */
export async function runsOf(page: Page, name: string): Promise<number> {
  return Number(await page.getByTestId(`runs-${name}`).textContent())
}

/** Waits until the job has run at least `count` more times than now. */
export async function expectMoreRuns(page: Page, name: string, count = 1): Promise<void> {
  const start = await runsOf(page, name)
  await expect.poll(() => runsOf(page, name), { timeout: 15_000 }).toBeGreaterThanOrEqual(start + count)
}
