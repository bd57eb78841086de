import type { Page } from '@playwright/test'
import { fileURLToPath } from 'node:url'
import { expect, test } from './console.ts'
import { openAt, row } from './panel-page.ts'

// The pictures of docs/devtools.md, taken of the panel alone. Saved under
// artifacts/ (not committed); docs/images/ holds the reviewed copies.
const SHOTS = fileURLToPath(new URL('../../../artifacts/screenshots', import.meta.url))

async function shootPanel(page: Page, name: string): Promise<void> {
  // Let the pulse of running dots and the countdowns settle into one frame.
  await page.waitForTimeout(300)
  await page.locator('.dockpanel').screenshot({ path: `${SHOTS}/docs-${name}.png`, animations: 'disabled' })
}

async function inspectWithFailure(page: Page): Promise<void> {
  await row(page, 'sync-cart').click()
  const inspector = page.getByRole('region', { name: 'Inspector: sync-cart' })
  await expect(inspector.getByRole('button', { name: /Show error of run/ }).first()).toBeVisible({ timeout: 8000 })
  await expect.poll(() => inspector.locator('table.history tbody tr').count(), { timeout: 8000 }).toBeGreaterThan(5)
  await page.getByRole('switch', { name: 'Live updates' }).click({ force: true })
}

test.describe('screenshots for the docs', () => {
  test('the inspector beside the list at 1280×800', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await openAt(page, 'bottom', '?bulk=6')
    await inspectWithFailure(page)
    await page.getByRole('switch', { name: 'Live updates' }).click({ force: true })
    await shootPanel(page, 'inspector')
  })

  test('the inspector in place of the list at 400×800', async ({ page }) => {
    await page.setViewportSize({ width: 400, height: 800 })
    await openAt(page, 'bottom', '?bulk=6')
    await inspectWithFailure(page)
    await page.getByRole('switch', { name: 'Live updates' }).click({ force: true })
    await shootPanel(page, 'narrow')
  })

  test('a failed run opened, in the dark theme', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await openAt(page, 'bottom', '?bulk=6&theme=dark')
    await inspectWithFailure(page)
    await page.getByRole('region', { name: 'Inspector: sync-cart' }).getByRole('button', { name: /Show error of run/ }).first().click()
    await shootPanel(page, 'failure-dark')
  })
})
