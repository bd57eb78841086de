import { expect, test, type Page } from '@playwright/test'

interface Violation {
  directive: string
  blocked: string
  sample: string
}

/** Records every `securitypolicyviolation` event and CSP console report of the page. */
async function watchViolations(page: Page): Promise<{ list: () => Promise<Violation[]>; console: string[]; errors: string[] }> {
  const consoleReports: string[] = []
  const errors: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleReports.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.addInitScript(() => {
    const seen: unknown[] = []
    ;(window as unknown as { __cspViolations: unknown[] }).__cspViolations = seen
    // Capture phase on the document: violations inside the panel's shadow root are composed events.
    document.addEventListener(
      'securitypolicyviolation',
      (event) => seen.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample }),
      true,
    )
  })
  return {
    list: () => page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations),
    console: consoleReports,
    errors,
  }
}

test('the policy is strict, and a violation would be seen', async ({ page }) => {
  const watch = await watchViolations(page)
  const response = await page.goto('/panel/')
  const policy = response?.headers()['content-security-policy'] ?? ''
  expect(policy).toContain("script-src 'self'")
  expect(policy).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
  expect(policy).not.toContain('unsafe-inline')
  expect(policy).not.toContain('unsafe-eval')
  // Control: a <style> without the nonce is refused and reported, so the checks below can fail.
  await page.evaluate(() => {
    const style = document.createElement('style')
    style.textContent = 'body { outline: 1px solid red }'
    document.head.append(style)
  })
  await expect.poll(async () => (await watch.list()).length).toBeGreaterThan(0)
  expect((await watch.list())[0]?.directive).toMatch(/^style-src/)
})

test('the demo production build runs its jobs with no CSP violation', async ({ page }) => {
  const watch = await watchViolations(page)
  await page.goto('/')
  const runs = (): Promise<number> => page.getByTestId('runs-heartbeat').textContent().then(Number)
  await expect.poll(runs, { timeout: 15_000 }).toBeGreaterThanOrEqual(2)
  const before = await runs()
  await expect.poll(runs, { timeout: 15_000 }).toBeGreaterThan(before)
  expect(await watch.list()).toEqual([])
  expect(watch.console).toEqual([])
  expect(watch.errors).toEqual([])
})

test('the devtools panel renders with styleNonce, opens and controls tasks with no CSP violation', async ({ page }) => {
  const watch = await watchViolations(page)
  await page.goto('/panel/')
  await expect.poll(() => page.locator('#ticks').textContent().then(Number)).toBeGreaterThan(1)

  await page.getByRole('button', { name: 'Open tickwork devtools' }).click()
  const dialog = page.getByRole('dialog', { name: 'tickwork devtools' })
  await expect(dialog).toBeVisible()
  const row = page.locator('[role=option][data-task="heartbeat"]')
  await expect(row).toBeVisible()
  await expect(page.locator('[role=option][data-task="one-way"] .state')).toHaveText('failed')

  // The nonce'd <style> in the shadow root applied: the panel is laid out, not unstyled.
  const styled = await dialog.evaluate((element) => {
    const root = element.getRootNode() as ShadowRoot
    const styles = [...root.querySelectorAll('style')]
    // A style element the policy refused has no rules; an applied one has them.
    return { count: styles.length, nonced: styles.every((style) => style.nonce !== ''), rules: styles.map((style) => style.sheet?.cssRules.length ?? 0) }
  })
  expect(styled.count).toBeGreaterThan(0)
  expect(styled.nonced).toBe(true)
  for (const rules of styled.rules) expect(rules).toBeGreaterThan(10)

  await row.click()
  await expect(page.getByRole('region', { name: 'Inspector: heartbeat' })).toBeVisible()
  await page.getByRole('button', { name: 'Stop heartbeat' }).click()
  await expect(row.locator('.state')).toHaveText('stopped')
  const stoppedAt = await page.locator('#ticks').textContent()
  // Judged against other runs, not a wall-clock wait: while flaky-sync (every
  // 250 ms) runs twice more, the stopped heartbeat (every 100 ms) runs none.
  const syncRuns = () =>
    page.evaluate(() => (globalThis as Record<symbol, any>)[Symbol.for('tickwork.registry')].get('flaky-sync').status().totalRuns as number)
  const syncsBefore = await syncRuns()
  await expect.poll(syncRuns).toBeGreaterThanOrEqual(syncsBefore + 2)
  expect(await page.locator('#ticks').textContent()).toBe(stoppedAt)
  await page.getByRole('button', { name: 'Start heartbeat' }).click()
  await expect(row.locator('.state')).not.toHaveText('stopped')

  expect(await watch.list()).toEqual([])
  expect(watch.console).toEqual([])
  expect(watch.errors).toEqual([])
})
