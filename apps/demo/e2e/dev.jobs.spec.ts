import { expect, test } from '@playwright/test'
import { collectErrors, expectMoreRuns, JOB_NAMES, runsOf, screenshot } from './helpers.ts'

declare global {
  interface Window {
    __tickwork?: { names(): string[]; pendingWakeUps(): number; armedTimers(): number }
  }
}

test.describe('demo jobs (dev server, StrictMode)', () => {
  test('loads with no console errors and StrictMode creates each task once', async ({ page }) => {
    const errors = collectErrors(page)
    await page.goto('/')
    await expect(page.getByTestId('job-heartbeat')).toBeVisible()
    await expectMoreRuns(page, 'heartbeat', 2)
    const names = await page.evaluate(() => window.__tickwork?.names())
    expect(names).toEqual(JOB_NAMES)
    // At most one pending wake-up per task, and one clock timer shared by all of them.
    const wakeUps = await page.evaluate(() => window.__tickwork?.pendingWakeUps() ?? -1)
    expect(wakeUps).toBeGreaterThan(0)
    expect(wakeUps).toBeLessThanOrEqual(JOB_NAMES.length)
    expect(await page.evaluate(() => window.__tickwork?.armedTimers())).toBeLessThanOrEqual(1)
    // The heartbeat ran once per second, not twice: its count matches its beat number.
    const runs = await runsOf(page, 'heartbeat')
    const beat = Number((await page.getByTestId('output-heartbeat').locator('.big').textContent())?.replace('#', ''))
    expect(Math.abs(beat - runs)).toBeLessThanOrEqual(1)
    await expect(page.getByTestId('summary-total')).toHaveText(String(JOB_NAMES.length))
    expect(errors).toEqual([])
  })

  test('every job visibly does its work', async ({ page }) => {
    const errors = collectErrors(page)
    await page.goto('/')
    const heartbeat = page.getByTestId('output-heartbeat')
    await expect(heartbeat).toContainText('#')
    const firstBeat = await heartbeat.textContent()
    await expect(heartbeat).not.toHaveText(firstBeat ?? '')

    // The poller shows an answer, a failure or a timeout of /api/status.
    await expect(page.getByTestId('output-status-poller')).toContainText(/request #|HTTP 503|timed out/)

    // Clicks are batched, then flushed to /api/metrics.
    const metrics = page.getByTestId('job-metrics-flusher')
    await metrics.getByRole('button', { name: 'like' }).click()
    await metrics.getByRole('button', { name: 'share' }).click()
    await metrics.getByRole('button', { name: 'save' }).click()
    await expect(page.getByTestId('last-flush')).toContainText('flushed 3', { timeout: 15_000 })
    await expect(page.getByTestId('pending-clicks')).toContainText('0 pending')

    // The cache warmer holds rates and refreshes them before they expire.
    await expect(page.getByTestId('cache-generation')).toContainText('generation 1')
    await expect(page.getByTestId('cache-generation')).toContainText('generation 2', { timeout: 15_000 })
    await page.getByTestId('job-cache-warmer').getByRole('button', { name: 'Read' }).click()
    await expect(page.getByTestId('cache-generation')).toContainText('last read: hit')
    expect(errors).toEqual([])
  })

  test('follows prefers-color-scheme, and the toggle overrides it', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto('/')
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
    await expect(page.getByTestId('state-license-check')).toHaveText('failed', { timeout: 15_000 })
    await expect(page.getByTestId('cache-generation')).toBeVisible()
    await screenshot(page, 'jobs-light')
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const light = await background()
    await page.getByRole('button', { name: 'switch to dark mode' }).click()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    expect(await background()).not.toBe(light)
    await screenshot(page, 'jobs-dark')
    // The panel follows the page's theme.
    await page.getByRole('button', { name: 'Open tickwork devtools' }).click()
    await expect(page.locator('[data-task="heartbeat"]')).toBeVisible()
    await screenshot(page, 'panel-dark')
    await page.getByRole('button', { name: 'Close tickwork devtools' }).click()
    // The choice is remembered over a reload, whatever the OS prefers.
    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  })
})
