import { expect, test } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { collectErrors, ROOT } from './helpers.ts'

test.describe('search indexer on a trigger queue (dev server, StrictMode)', () => {
  test('edits queue documents by threshold, the worker indexes them, a full queue drops, drain waits, the panel shows the worker', async ({ page }) => {
    const errors = collectErrors(page)
    const warnings: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text())
    })
    await page.goto('/')
    const card = page.getByTestId('job-search-indexer')
    await expect(card).toBeVisible()
    // The card shows the queue's own state: idle until a document crosses a threshold.
    await expect(page.getByTestId('state-search-indexer')).toHaveText('idle')
    await expect(page.getByTestId('indexer-status')).toHaveText('0/2 running')
    await expect(page.getByTestId('indexer-pending')).toContainText('empty')

    // Two edits stay under the threshold of 3: counted, not queued.
    const pricing = page.getByTestId('doc-pricing')
    await card.getByRole('button', { name: 'Edit Pricing' }).click()
    await card.getByRole('button', { name: 'Edit Pricing' }).click()
    await expect(page.getByTestId('doc-count-pricing')).toHaveText('2')
    await expect(pricing).toHaveAttribute('data-doc-state', 'waiting')
    // The first edit appended "latency": the document has it, the index not yet.
    await card.getByLabel('Search the index').fill('latency')
    await expect(page.getByTestId('indexer-hits')).toContainText('no hits · not indexed yet: Pricing')
    expect(Number(await page.getByTestId('runs-search-indexer').textContent())).toBe(0)

    // The third edit queues it; the worker indexes it and the search finds the word.
    await card.getByRole('button', { name: 'Edit Pricing' }).click()
    await expect(pricing).toHaveAttribute('data-doc-state', 'indexed')
    await expect(page.getByTestId('doc-count-pricing')).toHaveText('0')
    await expect(pricing).toContainText(/\d+ terms/)
    await expect(page.getByTestId('indexer-hits')).toHaveText('found in Pricing')
    await expect(page.getByTestId('runs-search-indexer')).toHaveText('1')

    // Every document crosses the threshold at once: two run (concurrency 2), two wait, the last is dropped (counted) with a warning.
    await card.getByRole('button', { name: 'Edit all ×3' }).click()
    await expect(page.getByTestId('indexer-warning')).toContainText('queue full (2 keys): dropped "faq"; its count is kept')
    await expect(page.getByTestId('indexer-status')).toContainText('1 dropped')
    await expect(page.getByTestId('indexer-pending').locator('.key-chip')).not.toHaveCount(0)
    mkdirSync(resolve(ROOT, 'artifacts/screenshots'), { recursive: true })
    // Scrolled to the bottom, the floating devtools toggle sits in the page's padding, not over the card.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await card.screenshot({ path: resolve(ROOT, 'artifacts/screenshots/demo-indexer.png') })

    await card.getByRole('button', { name: 'Drain' }).click()
    await expect(page.getByTestId('indexer-drain')).toContainText('drained in', { timeout: 10_000 })
    await expect(page.getByTestId('indexer-pending')).toContainText('empty')
    await expect(page.getByTestId('state-search-indexer')).toHaveText('idle')
    // The dropped document kept its count: one more edit queues it.
    await expect(page.getByTestId('doc-faq')).toHaveAttribute('data-doc-state', 'dropped')
    await expect(page.getByTestId('doc-faq')).toContainText('dropped: queue full')
    await expect(page.getByTestId('doc-count-faq')).toHaveText('3')
    await card.getByRole('button', { name: 'Edit FAQ' }).click()
    await expect(page.getByTestId('doc-faq')).toHaveAttribute('data-doc-state', 'indexed')
    await expect(page.getByTestId('doc-faq')).toContainText(/\d+ terms/)
    // One worker run per working session: Pricing, the "Edit all" batch (maybe split), then FAQ.
    const runs = Number(await page.getByTestId('runs-search-indexer').textContent())
    expect(runs).toBeGreaterThanOrEqual(3)
    expect(warnings.some((text) => text.includes('[tickwork] trigger queue "search-indexer": queue full'))).toBe(true)

    // The worker is a task in the default registry: the panel lists it, one summary per session naming its jobs.
    await page.getByRole('button', { name: 'Open tickwork devtools' }).click()
    const row = page.locator('[data-task="search-indexer"]')
    await expect(row).toBeVisible()
    await expect(row.locator('.cell.runs')).toContainText(String(runs))
    await row.click()
    const inspector = page.getByLabel('Inspector: search-indexer')
    await expect(inspector).toContainText('faq')
    await page.getByRole('button', { name: 'Close tickwork devtools' }).click()
    await page.getByRole('button', { name: 'switch to dark mode' }).click()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await card.screenshot({ path: resolve(ROOT, 'artifacts/screenshots/demo-indexer-dark.png') })
    expect(errors).toEqual([])
  })
})
