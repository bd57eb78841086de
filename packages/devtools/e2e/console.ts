import { test as base, expect } from '@playwright/test'

/**
 * `test` with a `consoleErrors` fixture: every console error and uncaught
 * page error is collected, and the test fails if any was seen.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    await use(errors)
    expect(errors, 'console errors').toEqual([])
  },
})

export { expect }
