import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './console.ts'
import { openAt, row } from './panel-page.ts'

/** The element that has focus, looked up through shadow roots, with the name a screen reader would read. */
function focused(page: Page): Promise<{ name: string; tag: string } | null> {
  return page.evaluate(() => {
    let element = document.activeElement
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement
    if (element === null || element === document.body) return null
    const labelledBy = element.getAttribute('aria-labelledby')
    const byId = labelledBy === null ? null : (element.getRootNode() as ShadowRoot).getElementById(labelledBy)?.textContent
    const label = element.closest('label')?.textContent
    const name = element.getAttribute('aria-label') ?? byId ?? (element.textContent?.trim() || null) ?? label ?? element.getAttribute('title') ?? ''
    return { name: name.trim(), tag: element.tagName.toLowerCase() }
  })
}

/** Tabs through the panel from its root and returns the name of every stop, in order. */
async function tabStops(page: Page, max = 90): Promise<{ name: string; tag: string }[]> {
  await page.getByRole('dialog', { name: 'tickwork devtools' }).focus()
  const stops: { name: string; tag: string }[] = []
  for (let index = 0; index < max; index++) {
    await page.keyboard.press('Tab')
    const stop = await focused(page)
    if (stop === null || stops.some((seen) => seen.name === stop.name && seen.tag === stop.tag)) break
    stops.push(stop)
  }
  return stops
}

/** axe-core over the panel only (the fixture's host page is hostile on purpose): serious and critical findings. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('[data-tickwork-devtools]').analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 4).join(' | ')}`)
}

test.describe('keyboard and accessibility', () => {
  test('every control is reachable with Tab and has a name', async ({ page }) => {
    await openAt(page, 'bottom', '?bulk=2')
    await row(page, 'sync-cart').click()
    const inspector = page.getByRole('region', { name: 'Inspector: sync-cart' })
    await expect(inspector.locator('table.history tbody tr').first()).toBeVisible({ timeout: 8000 })
    await page.getByRole('switch', { name: 'Live updates' }).click({ force: true })
    const stops = await tabStops(page)
    const names = stops.map((stop) => stop.name)
    for (const stop of stops) expect(stop.name, `a ${stop.tag} without a name after ${names.join(' → ')}`).not.toBe('')
    const expected = [
      /^\d+ tasks, \d+ live.*show all counts$/,
      /^Live updates$/,
      /^Panel settings$/,
      /^Close tickwork devtools$/,
      /^Filter tasks by name$/,
      /^Sort by$/,
      /^Sort (ascending|descending)$/,
      /^Bulk actions on the \d+ shown tasks$/,
      /^Tasks \(arrow keys/,
      /^Back to the list$|^Close inspector$/,
      /^Run now sync-cart$/,
      /^Export history of sync-cart as JSON$/,
      /every 500 ms/,
      /^all runs$/,
      /^failures only$/,
      /^manual runs only/,
      /^Show (error|details) of run \d+: \S+$/,
    ]
    for (const pattern of expected) expect(names.some((name) => pattern.test(name)), `${pattern} among ${names.join(' → ')}`).toBe(true)

    // The menus open with the keyboard and their controls follow in the tab order.
    await page.getByRole('button', { name: 'Panel settings' }).focus()
    await page.keyboard.press('Enter')
    const inSettings: string[] = []
    for (let index = 0; index < 7; index++) {
      await page.keyboard.press('Tab')
      inSettings.push((await focused(page))?.name ?? '')
    }
    expect(inSettings).toEqual(['Light theme', 'Dark theme', 'System theme', 'Dock to top', 'Dock to bottom', 'Dock to left', 'Dock to right'])
    await page.keyboard.press('Escape')
    await expect(page.getByRole('button', { name: 'Panel settings' })).toBeFocused()
    await expect(page.getByRole('dialog', { name: 'tickwork devtools' })).toBeVisible()

    await page.getByRole('button', { name: /^Bulk actions on the/ }).focus()
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    expect((await focused(page))?.name).toMatch(/^(Pause|Resume|Stop|Run now) \d+ shown tasks?$/)
    await page.keyboard.press('Escape')
  })

  for (const theme of ['light', 'dark'] as const) {
    test(`axe-core finds no serious violation in the panel (${theme})`, async ({ page }) => {
      // Three full axe runs on a busy two-core machine.
      test.setTimeout(120_000)
      await openAt(page, 'bottom', `?bulk=2&multi&theme=${theme}`)
      await row(page, 'sync-cart').click()
      const inspector = page.getByRole('region', { name: 'Inspector: sync-cart' })
      const failed = inspector.getByRole('button', { name: /Show error of run/ }).first()
      await expect(failed).toBeVisible({ timeout: 8000 })
      await page.getByRole('switch', { name: 'Live updates' }).click({ force: true })
      await failed.click()
      await inspector.locator('.insp-summary > summary').click()
      expect(await seriousViolations(page)).toEqual([])
      // And with the counts popover open.
      await page.getByRole('button', { name: /show all counts/ }).click()
      expect(await seriousViolations(page)).toEqual([])
      await page.keyboard.press('Escape')
      await page.getByRole('button', { name: 'Panel settings' }).click()
      expect(await seriousViolations(page)).toEqual([])
    })
  }
})
