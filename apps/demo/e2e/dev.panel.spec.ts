import { expect, test, type Page } from '@playwright/test'
import { collectErrors, expectMoreRuns, JOB_NAMES, runsOf, screenshot } from './helpers.ts'

async function openPanel(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open tickwork devtools' }).click()
  await expect(page.locator('[data-task="heartbeat"]')).toBeVisible()
}

/** The run count the panel shows for a task (the runs cell, `total` or `total/failed`). */
async function panelRuns(page: Page, name: string): Promise<number> {
  const text = (await page.locator(`[data-task="${name}"] .cell.runs`).textContent()) ?? ''
  return Number(text.split('/')[0])
}

async function select(page: Page, name: string): Promise<void> {
  await page.locator(`[data-task="${name}"]`).click()
  await expect(page.getByRole('toolbar', { name: `Controls of ${name}` })).toBeVisible()
}

test.describe('devtools panel over the demo (dev server)', () => {
  test('lists every job with live counts', async ({ page }) => {
    const errors = collectErrors(page)
    await page.goto('/')
    await openPanel(page)
    for (const name of JOB_NAMES) await expect(page.locator(`[data-task="${name}"]`)).toBeVisible()
    const before = await panelRuns(page, 'heartbeat')
    await expect.poll(() => panelRuns(page, 'heartbeat'), { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 2)
    await expect(page.getByRole('button', { name: /show all counts/ })).toContainText(`${JOB_NAMES.length} tasks`)
    await select(page, 'status-poller')
    await expect(page.getByLabel('Inspector: status-poller')).toBeVisible()
    await expect(page.locator('[data-task="license-check"]')).toContainText('failed', { timeout: 15_000 })
    await screenshot(page, 'panel-open')
    expect(errors).toEqual([])
  })

  test('pause, resume, stop, start and run now change the job in the page', async ({ page }) => {
    const errors = collectErrors(page)
    await page.goto('/')
    await openPanel(page)
    await select(page, 'heartbeat')
    const state = page.getByTestId('state-heartbeat')
    // Let the first run land in the card first: a count read while it is still rendering would be one short.
    await expectMoreRuns(page, 'heartbeat', 1)

    await page.getByRole('button', { name: 'Pause heartbeat' }).click()
    await expect(state).toHaveText('paused')
    const paused = await runsOf(page, 'heartbeat')
    // Judged against other runs, not a wall-clock wait: while the cache warmer
    // (also every second) runs three more times, the paused heartbeat runs none.
    await expectMoreRuns(page, 'cache-warmer', 3)
    expect(await runsOf(page, 'heartbeat')).toBe(paused)

    await page.getByRole('button', { name: 'Resume heartbeat' }).click()
    await expect(state).not.toHaveText('paused')
    await expectMoreRuns(page, 'heartbeat', 2)

    await page.getByRole('button', { name: 'Stop heartbeat' }).click()
    await expect(state).toHaveText('stopped')
    const stopped = await runsOf(page, 'heartbeat')
    await expectMoreRuns(page, 'cache-warmer', 3)
    expect(await runsOf(page, 'heartbeat')).toBe(stopped)

    // Run now on a stopped task: one run, the loop stays stopped.
    const beat = page.getByTestId('output-heartbeat').locator('.big')
    const beatBefore = await beat.textContent()
    await page.getByRole('button', { name: 'Run now heartbeat' }).click()
    await expect(page.getByTestId('runs-heartbeat')).toHaveText(String(stopped + 1))
    await expect(beat).not.toHaveText(beatBefore ?? '')
    await expect(state).toHaveText('stopped')

    await page.getByRole('button', { name: 'Start heartbeat' }).click()
    await expect(state).not.toHaveText('stopped')
    await expectMoreRuns(page, 'heartbeat', 2)
    expect(errors).toEqual([])
  })

  test('the irrecoverable task shows failed with its reason in the card and the inspector, and restarts', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByTestId('state-license-check')).toHaveText('failed', { timeout: 15_000 })
    await expect(page.getByTestId('reason-license-check')).toHaveText('IrrecoverableError: license revoked by the server (HTTP 403)')
    await expect(page.getByTestId('job-license-check')).toHaveAttribute('data-state', 'failed')
    await expect(page.getByTestId('runs-license-check')).toHaveText('4')
    await openPanel(page)
    await expect(page.locator('[data-task="license-check"]')).toContainText('failed')
    await select(page, 'license-check')
    const inspector = page.getByLabel('Inspector: license-check')
    await expect(inspector).toContainText('license revoked by the server (HTTP 403)')
    await expect(inspector).toContainText('IrrecoverableError')
    // Start from the panel: the loop runs again and the card leaves its failed state.
    await page.getByRole('button', { name: 'Start license-check' }).click()
    await expect(page.getByTestId('state-license-check')).not.toHaveText('failed')
    await expect(page.getByTestId('reason-license-check')).toHaveCount(0)
  })

  test('the #/panel route embeds the panel full-page while the jobs keep running', async ({ page }) => {
    const errors = collectErrors(page)
    await page.goto('/#/panel')
    const panel = page.getByTestId('panel-page')
    await expect(panel.locator('[data-task="heartbeat"]')).toBeVisible()
    for (const name of JOB_NAMES) await expect(panel.locator(`[data-task="${name}"]`)).toBeVisible()
    const before = await panelRuns(page, 'heartbeat')
    await expect.poll(() => panelRuns(page, 'heartbeat'), { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 2)
    await expect(page.getByRole('button', { name: 'Open tickwork devtools' })).toHaveCount(0)
    await select(page, 'cache-warmer')
    await screenshot(page, 'panel-page')
    // The demo's Web Worker has a registry of its own, shown through the bridge in a second tab.
    await page.getByRole('tab', { name: /worker "demo"/ }).click()
    await expect(panel.locator('[data-task="worker: heartbeat"]')).toBeVisible()
    await expect.poll(() => panelRuns(page, 'worker: heartbeat'), { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
    await page.getByRole('tab', { name: /this page/ }).click()
    await expect(panel.locator('[data-task="heartbeat"]')).toBeVisible()
    // Back to the jobs: the same tasks, not new ones.
    await page.getByRole('link', { name: 'Jobs' }).click()
    await expect(page.getByTestId('job-heartbeat')).toBeVisible()
    expect(await page.evaluate(() => window.__tickwork?.names())).toEqual(JOB_NAMES)
    expect(errors).toEqual([])
  })

  test('stress mode: 1,000 tasks come and go, and the panel counts them', async ({ page }) => {
    const errors = collectErrors(page)
    await page.goto('/')
    await expectMoreRuns(page, 'heartbeat', 1)
    const spawn = page.getByRole('button', { name: 'Spawn 1,000 tasks' })
    await spawn.click()
    await expect(page.getByTestId('summary-total')).toHaveText((1000 + JOB_NAMES.length).toLocaleString('en-US'))
    expect(await page.evaluate(() => window.__tickwork?.names().length)).toBe(1000 + JOB_NAMES.length)
    await expect(page.getByTestId('stress-count')).toContainText(/[1-9][\d,]* runs so far/, { timeout: 10_000 })
    // The demo's own jobs keep running among a thousand others.
    await expectMoreRuns(page, 'heartbeat', 2)
    await page.getByRole('button', { name: 'Remove them' }).click()
    await expect(page.getByTestId('summary-total')).toHaveText(String(JOB_NAMES.length))
    expect(await page.evaluate(() => window.__tickwork?.names())).toEqual(JOB_NAMES)
    expect(await page.evaluate(() => window.__tickwork?.pendingWakeUps() ?? -1)).toBeLessThanOrEqual(JOB_NAMES.length)

    // Again, with the panel open over them.
    await spawn.click()
    await expect(page.getByTestId('summary-total')).toHaveText((1000 + JOB_NAMES.length).toLocaleString('en-US'))
    await openPanel(page)
    await expect(page.getByRole('button', { name: /show all counts/ })).toContainText(`${1000 + JOB_NAMES.length} tasks`)
    await screenshot(page, 'panel-stress')
    expect(errors).toEqual([])
  })
})
