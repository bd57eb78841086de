import type { Locator, Page } from '@playwright/test'
import { expect } from './console.ts'

/** Where a test docks the panel. */
export type Dock = 'bottom' | 'right'

/** The panel's list row of one task (Playwright's CSS engine pierces the open shadow root). */
export const row = (page: Page, name: string): Locator => page.locator(`[role=option][data-task="${name}"]`)

/** Opens the fixture with the panel already open and docked, as a user's saved state would have it. */
export async function openAt(page: Page, dock: Dock, query: string): Promise<void> {
  await page.addInitScript((position) => {
    // Once per test page: a reload must keep what the test changed since.
    if (sessionStorage.getItem('tw-seeded') !== null) return
    sessionStorage.setItem('tw-seeded', '1')
    localStorage.setItem('tickwork-devtools', JSON.stringify({ open: true, size: 360, position }))
  }, dock)
  await page.goto(`/${query}`)
  await expect(page.getByRole('dialog', { name: 'tickwork devtools' })).toBeVisible()
}

/**
 * The boxes among `selectors` whose content is wider than they are
 * (`scrollWidth > clientWidth`), described for the failure message. Hidden ones are skipped.
 */
export function overflowing(page: Page, selectors: readonly string[]): Promise<string[]> {
  return page.evaluate((list) => {
    const root = document.querySelector('[data-tickwork-devtools]')?.shadowRoot
    if (!root) return ['no panel']
    const found: string[] = []
    for (const selector of list) {
      for (const element of root.querySelectorAll<HTMLElement>(selector)) {
        if (element.offsetParent === null && getComputedStyle(element).position !== 'fixed') continue
        if (element.scrollWidth > element.clientWidth) found.push(`${selector} (${element.getAttribute('data-task') ?? element.className}): ${element.scrollWidth} > ${element.clientWidth}`)
      }
    }
    return found
  }, selectors)
}
