import { expect, test } from '@playwright/test'
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { collectErrors, expectMoreRuns, ROOT, screenshot } from './helpers.ts'

const DIST = resolve(ROOT, 'apps/demo/dist')

/** Strings only the devtools panel's code contains (checked against its sources below). */
const PANEL_MARKERS = [
  { file: 'packages/devtools/src/devtools.tsx', text: 'Open tickwork devtools' },
  { file: 'packages/devtools/src/ui/controls.tsx', text: 'Export history of' },
  { file: 'packages/devtools/src/ui/toolbar.tsx', text: 'Filter tasks by name' },
]

test.describe('production build (vite build + vite preview)', () => {
  test('contains no devtools panel code', () => {
    const assets = readdirSync(resolve(DIST, 'assets')).filter((file) => file.endsWith('.js'))
    expect(assets.length).toBeGreaterThan(0)
    const bundle = assets.map((file) => readFileSync(resolve(DIST, 'assets', file), 'utf8')).join('\n')
    for (const marker of PANEL_MARKERS) {
      // The marker is real: the panel's source has it, so finding it would mean the panel was bundled.
      expect(readFileSync(resolve(ROOT, marker.file), 'utf8')).toContain(marker.text)
      expect(bundle).not.toContain(marker.text)
    }
    // The jobs themselves are in the bundle.
    expect(bundle).toContain('status-poller')
  })

  test('runs the jobs with no console errors and no debug hook', async ({ page }) => {
    const errors = collectErrors(page)
    await page.goto('/')
    await expectMoreRuns(page, 'heartbeat', 2)
    await expect(page.getByTestId('output-status-poller')).toContainText(/request #|HTTP 503|timed out/)
    await expect(page.getByTestId('state-license-check')).toHaveText('failed', { timeout: 15_000 })
    await expect(page.getByTestId('reason-license-check')).toContainText('IrrecoverableError')
    await expect(page.getByRole('button', { name: 'Open tickwork devtools' })).toHaveCount(0)
    expect(await page.evaluate(() => '__tickwork' in window)).toBe(false)
    await screenshot(page, 'production')
    // The card's own Restart button starts the failed task again.
    await page.getByTestId('job-license-check').getByRole('button', { name: 'Restart' }).click()
    await expect(page.getByTestId('state-license-check')).not.toHaveText('failed')
    expect(errors).toEqual([])
  })

  test('the #/panel route explains that the panel is development-only', async ({ page }) => {
    await page.goto('/#/panel')
    await expect(page.getByTestId('panel-missing')).toContainText('development-only')
  })
})
