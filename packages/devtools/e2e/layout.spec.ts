import type { Page } from '@playwright/test'
import { fileURLToPath } from 'node:url'
import { expect, test } from './console.ts'
import { openAt, overflowing, row, type Dock } from './panel-page.ts'

const SHOTS = fileURLToPath(new URL('../../../artifacts/screenshots', import.meta.url))

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 768, height: 1024 },
  { width: 400, height: 800 },
] as const
const DOCKS: readonly Dock[] = ['bottom', 'right']

/** True when the element is inside the window and not clipped by a scrolling ancestor: seen without scrolling. */
async function seenWithoutScrolling(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((element) => {
    const box = element.getBoundingClientRect()
    if (box.width === 0 || box.height === 0) return false
    if (box.top < 0 || box.left < 0 || box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5) return false
    for (let parent = element.parentElement ?? ((element.getRootNode() as ShadowRoot).host as HTMLElement | undefined); parent; ) {
      const style = getComputedStyle(parent)
      if (/auto|scroll|hidden/.test(style.overflowY + style.overflowX)) {
        const clip = parent.getBoundingClientRect()
        if (box.top < clip.top - 0.5 || box.bottom > clip.bottom + 0.5 || box.left < clip.left - 0.5 || box.right > clip.right + 0.5) return false
      }
      parent = parent.parentElement ?? ((parent.getRootNode() as ShadowRoot).host as HTMLElement | undefined) ?? null
    }
    return true
  })
}

// Every box of the panel that could overflow: the header, the toolbar, list rows, and each inspector section.
const BOXES = ['.head', '.toolbar', '.list-head', '.list-scroll .row', '.insp-head', '.controls', '.insp-summary', '.hist-head', '.hist-wrap', '.inspector']

test.describe('the panel at every size', () => {
  for (const viewport of VIEWPORTS) {
    for (const dock of DOCKS) {
      test(`${viewport.width}×${viewport.height}, docked ${dock}, inspector open: nothing overflows, controls and newest run in view`, async ({ page }) => {
        await page.setViewportSize(viewport)
        await openAt(page, dock, '?bulk=6')
        // Wait for a history worth showing: several runs, one of them failed.
        await expect.poll(() => page.evaluate(() => (globalThis as any).fixtureRegistry.get('sync-cart').status().failedRuns as number), { timeout: 8000 }).toBeGreaterThan(0)
        const narrow = (await page.locator('.panel').evaluate((el) => el.clientWidth)) < 640

        // The list alone first: the key columns are there at every width.
        for (const cell of ['.st', '.next', '.dur', '.rate', '.runs']) await expect(row(page, 'sync-cart').locator(cell)).toBeVisible()
        expect(await overflowing(page, ['.head', '.toolbar', '.list-head', '.list-scroll .row'])).toEqual([])

        await row(page, 'sync-cart').click()
        const inspector = page.getByRole('region', { name: 'Inspector: sync-cart' })
        await expect(inspector).toBeVisible()
        await expect(inspector.locator('table.history tbody tr').first()).toBeVisible()
        await page.screenshot({ path: `${SHOTS}/layout-${viewport.width}x${viewport.height}-${dock}.png` })
        expect(await overflowing(page, BOXES)).toEqual([])

        // Controls and the newest run, without scrolling anything.
        for (const name of ['Stop sync-cart', 'Pause sync-cart', 'Run now sync-cart', 'Export history of sync-cart as JSON']) {
          expect(await seenWithoutScrolling(page, `.inspector button[aria-label="${name}"]`), name).toBe(true)
        }
        expect(await seenWithoutScrolling(page, '.inspector table.history tbody tr'), 'newest history row').toBe(true)
        // The title keeps its name: it never shrinks to a letter.
        const title = await inspector.locator('h2').evaluate((el) => ({ width: el.clientWidth, text: el.scrollWidth }))
        expect(title.width).toBeGreaterThanOrEqual(Math.min(title.text, 80))

        if (narrow) {
          // The inspector replaced the list, focus went with it, and back returns to the list.
          await expect(page.locator('.list')).toBeHidden()
          await expect(inspector.getByRole('button', { name: 'Back to the list' })).toBeFocused()
          await inspector.getByRole('button', { name: 'Back to the list' }).click()
          await expect(row(page, 'sync-cart')).toBeVisible()
        } else {
          // Beside the inspector the list keeps its key columns.
          for (const cell of ['.st', '.next', '.dur', '.rate', '.runs']) await expect(row(page, 'sync-cart').locator(cell)).toBeVisible()
        }
      })
    }
  }

  test('an expanded failure keeps its stack in view and starts it at the user frame', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await openAt(page, 'bottom', '?bulk=6')
    await row(page, 'sync-cart').click()
    const inspector = page.getByRole('region', { name: 'Inspector: sync-cart' })
    const failed = inspector.getByRole('button', { name: /Show error of run/ }).first()
    await expect(failed).toBeVisible({ timeout: 8000 })
    await page.getByRole('switch', { name: 'Live updates' }).click({ force: true })
    await failed.click()
    const error = inspector.getByRole('region', { name: /Error of run/ })
    const stack = error.locator('pre.stack')
    const firstFrame = (await stack.textContent())!.split('\n').find((line) => /^\s*at /.test(line))
    expect(firstFrame).toContain('tasks.ts')
    expect(await stack.textContent()).not.toContain('packages/core/')
    expect(await seenWithoutScrolling(page, '.inspector .run-details .error-title')).toBe(true)
    await page.screenshot({ path: `${SHOTS}/layout-failure-1280x800.png` })
    await error.getByRole('button', { name: /Show full stack/ }).click()
    await expect(stack).toContainText('packages/core/')
    expect(await overflowing(page, BOXES)).toEqual([])
  })

  test('counts say what they count; paused countdowns say so', async ({ page }) => {
    await openAt(page, 'bottom', '?bulk=6')
    const chip = page.getByRole('button', { name: /tasks, \d+ live/ })
    await expect(chip).toContainText('12 tasks')
    await chip.click()
    const counts = page.getByRole('group', { name: /show all counts/ })
    await expect(counts).toContainText('loops that are scheduled, running or paused')
    await expect(counts).toContainText('runs in flight right now')
    await page.keyboard.press('Escape')
    await expect(counts).toHaveCount(0)
    await expect(chip).toBeFocused()
    expect(await row(page, 'sync-cart').locator('.runs').getAttribute('title')).toMatch(/^\d+ runs, \d+ failed$/)
    await expect(page.locator('.toolbar .shown')).toHaveText('12 tasks')
    await page.getByRole('switch', { name: 'Live updates' }).click({ force: true })
    // bulk-0001 runs in no time, so it is never caught mid-run (when it has no next run at all).
    await expect(row(page, 'bulk-0001').locator('.next')).toHaveText('updates paused')
    // No font glyph stands in for an icon anywhere in the panel.
    const glyphs = await page.locator('.panel').evaluate((el) => (el.textContent ?? '').match(/[ⓘ◴✕▾▸↑↓]/g))
    expect(glyphs).toBeNull()
  })

  test('the theme switch is remembered across a reload', async ({ page }) => {
    await openAt(page, 'bottom', '?bulk=0')
    await page.getByRole('button', { name: 'Panel settings' }).click()
    await page.getByRole('button', { name: 'Dark theme' }).click()
    await expect(page.locator('.tw-root')).toHaveAttribute('data-theme', 'dark')
    await page.reload()
    await expect(page.getByRole('dialog', { name: 'tickwork devtools' })).toBeVisible()
    await expect(page.locator('.tw-root')).toHaveAttribute('data-theme', 'dark')
    await page.getByRole('button', { name: 'Panel settings' }).click()
    await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true')
  })

  test('bulk actions act on the filtered set and ask above ten tasks', async ({ page }) => {
    await openAt(page, 'bottom', '?bulk=20')
    const liveBulk = () => page.evaluate(() => (globalThis as any).fixtureRegistry.list().filter((t: any) => t.name.startsWith('bulk-') && t.state === 'paused').length as number)
    await page.getByLabel('Filter tasks by name').fill('bulk-000')
    await expect(page.locator('.toolbar .shown')).toHaveText('10 of 26')
    await page.getByRole('button', { name: 'Bulk actions on the 10 shown tasks' }).click()
    await page.getByRole('button', { name: 'Pause 10 shown tasks' }).click()
    await expect.poll(liveBulk).toBe(10)
    await page.getByLabel('Filter tasks by name').fill('bulk')
    await page.getByRole('button', { name: 'Bulk actions on the 20 shown tasks' }).click()
    await page.getByRole('button', { name: 'Pause 10 shown tasks' }).click()
    await expect.poll(liveBulk).toBe(20)
    await page.getByRole('button', { name: 'Bulk actions on the 20 shown tasks' }).click()
    await page.getByRole('button', { name: 'Stop 20 shown tasks' }).click()
    const confirm = page.getByRole('alertdialog', { name: 'Confirm stop' })
    await expect(confirm).toContainText('Stop 20 tasks that the filters show?')
    await expect(confirm.getByRole('button', { name: 'Stop 20' })).toBeFocused()
    await confirm.getByRole('button', { name: 'Stop 20' }).click()
    await expect.poll(() => page.evaluate(() => (globalThis as any).fixtureRegistry.list().filter((t: any) => t.state === 'stopped').length as number)).toBe(20)
    expect(await page.evaluate(() => (globalThis as any).fixtureRegistry.get('poll-inbox').state)).not.toBe('stopped')
  })

  test('history filter, paging and copying a run as JSON', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await openAt(page, 'bottom', '?bulk=0')
    await expect.poll(() => page.evaluate(() => (globalThis as any).fixtureRegistry.get('poll-inbox').status().totalRuns as number), { timeout: 15_000 }).toBeGreaterThan(22)
    await row(page, 'poll-inbox').click()
    const inspector = page.getByRole('region', { name: 'Inspector: poll-inbox' })
    await inspector.getByRole('button', { name: 'Run now poll-inbox' }).click()
    // Live until the manual run shows (it takes up to 80 ms), then frozen for the paging below.
    await inspector.getByRole('button', { name: 'manual runs only (Run now)' }).click()
    await expect(inspector.locator('table.history tbody tr')).toHaveCount(1)
    await page.getByRole('switch', { name: 'Live updates' }).click({ force: true })
    await inspector.getByRole('button', { name: 'all runs' }).click()
    await expect(inspector.getByRole('group', { name: 'History pages' })).toContainText(/1–20 of \d+/)
    await inspector.getByRole('button', { name: 'Older runs' }).click()
    await expect(inspector.getByRole('group', { name: 'History pages' })).toContainText(/21–/)
    await inspector.getByRole('button', { name: 'manual runs only (Run now)' }).click()
    await expect(inspector.locator('table.history tbody tr')).toHaveCount(1)
    await expect(inspector.locator('table.history tbody tr')).toContainText('manual')
    await inspector.getByRole('button', { name: /Show details of run/ }).click()
    const details = inspector.getByRole('region', { name: /Details of run/ })
    await expect(details.getByRole('group', { name: 'extra' })).toContainText('etag')
    await details.getByRole('button', { name: /Copy run \d+ as JSON/ }).click()
    await expect(details.getByRole('status')).toHaveText('Copied to the clipboard')
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))
    expect(copied).toMatchObject({ task: 'poll-inbox', trigger: 'manual', success: true })
    await inspector.getByRole('button', { name: 'failures only' }).click()
    await expect(inspector.getByText('No failed runs among the')).toBeVisible()
  })
})
