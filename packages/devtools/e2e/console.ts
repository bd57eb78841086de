import { test as base, expect } from '@playwright/test'

/**
 * `test` with an automatic `consoleErrors` fixture: every console error and
 * uncaught page error is collected, and the test fails if any was seen. A
 * test that provokes errors on purpose removes exactly those from the list.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  // `auto`: every test checks the console, whether it asks for the list or not.
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text())
      })
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
      await use(errors)
      expect(errors, 'console errors').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
