import { expect, test, type Page } from '@playwright/test'

const row = (page: Page, name: string) => page.locator(`[role=option][data-task="${name}"]`)

test("the worker's tasks appear in the devtools panel and obey its controls", async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto('/panel.html')
  // The source switcher: this page and the worker, each with its own count.
  const tab = page.getByRole('tab', { name: /worker "fixture"/ })
  await expect(tab).toContainText('3')
  await expect(page.getByRole('tab', { name: /this page/ })).toContainText('1')
  await tab.click()
  await expect(row(page, 'worker-poll')).toBeVisible()
  await expect(row(page, 'worker-idle')).toBeVisible()
  await expect(row(page, 'page-task')).toHaveCount(0)
  // The worker holds the Web Lock of its single-runner task, and the panel says so.
  await expect(row(page, 'worker-leader')).toContainText('runner: this tab')

  await row(page, 'worker-idle').click()
  const idle = page.getByRole('region', { name: 'Inspector: worker-idle' })
  await idle.getByRole('button', { name: 'Run now worker-idle' }).click()
  await expect(idle.locator('table.history tbody tr')).toHaveCount(1)
  await expect(idle.locator('table.history tbody tr').first()).toContainText('ran on request')

  await row(page, 'worker-poll').click()
  const poll = page.getByRole('region', { name: 'Inspector: worker-poll' })
  await poll.getByRole('button', { name: 'Pause worker-poll' }).click()
  await expect(row(page, 'worker-poll').locator('.state')).toHaveText('paused')
  // The pause happened in the worker, not just on screen.
  expect(await page.evaluate(() => (globalThis as unknown as { remote: { view(name: string): { status: { state: string } } } }).remote.view('worker-poll').status.state)).toBe('paused')
  await poll.getByRole('button', { name: 'Resume worker-poll' }).click()
  await expect(row(page, 'worker-poll').locator('.state')).not.toHaveText('paused')

  // Malformed messages from the worker are ignored and counted where the panel shows them.
  await page.evaluate(() => (globalThis as unknown as { worker: Worker }).worker.postMessage({ cmd: 'send-junk' }))
  await expect(page.getByRole('status', { name: 'Source problems' })).toContainText('2 malformed')
  expect(errors).toEqual([])
})
