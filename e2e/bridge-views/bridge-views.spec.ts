import { expect, test, type Page } from '@playwright/test'

const row = (page: Page, name: string) => page.locator(`[role=option][data-task="${name}"]`)

test.beforeEach(async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  ;(page as unknown as { errors: string[] }).errors = errors
  await page.goto('/')
  await expect(row(page, 'search-indexer')).toBeVisible()
})

test.afterEach(async ({ page }) => {
  expect((page as unknown as { errors: string[] }).errors).toEqual([])
})

/** What the worker's facets were asked to do, read back over the fixture's own messages. */
async function facetCalls(page: Page): Promise<{ queue: { action: string; arg?: string }[]; cache: { action: string }[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const worker = (globalThis as unknown as { worker: Worker }).worker
        const listener = (event: MessageEvent): void => {
          if (event.data?.calls === undefined) return
          worker.removeEventListener('message', listener)
          resolve(event.data.calls)
        }
        worker.addEventListener('message', listener)
        worker.postMessage({ cmd: 'calls' })
      }),
  )
}

test("a worker's trigger queue shows as a queue over the bridge, and its controls drive it", async ({ page }) => {
  await row(page, 'search-indexer').click()
  const queue = page.getByRole('region', { name: 'Queue search-indexer' })
  await expect(queue.getByRole('table', { name: 'Pending keys' })).toContainText('doc:1')
  await expect(queue.getByRole('table', { name: 'Dropped keys' })).toContainText('doc:old')
  await expect(queue).toContainText('1 / 50')

  const key = queue.getByRole('textbox', { name: 'Key to notify (search-indexer)' })
  await key.fill('doc:2')
  await key.press('Enter')
  await expect(queue.getByRole('table', { name: 'Pending keys' })).toContainText('doc:2')
  await queue.getByRole('button', { name: /^Notify the queue/ }).isDisabled()

  await queue.getByRole('button', { name: /^Drain/ }).click()
  await expect(queue.getByText('Nothing pending.')).toBeVisible()
  await expect(queue.getByRole('table', { name: 'Last result per key' })).toContainText('doc:2')
  await queue.getByRole('button', { name: /^Clear the dropped keys/ }).click()
  await expect(queue.getByText('Nothing dropped.')).toBeVisible()
  await queue.getByRole('button', { name: /^Stop the queue/ }).click()
  await expect(queue.locator('.facet-state')).toHaveText('stopped')

  // Everything happened in the worker, through task.facet.act().
  expect((await facetCalls(page)).queue).toEqual([{ action: 'notify', arg: 'doc:2' }, { action: 'drain' }, { action: 'clearDropped' }, { action: 'stop' }])
})

test("a worker's cached value shows as a cache over the bridge: age, expiry, errors, refresh and invalidate", async ({ page }) => {
  await row(page, 'exchange-rates').click()
  const cache = page.getByRole('region', { name: 'Cache exchange-rates' })
  await expect(cache.locator('.facet-state')).toHaveText('empty')
  await expect(cache.getByRole('note', { name: 'Last source error' })).toContainText('FetchError: HTTP 503 from rates.example')
  await expect(cache.getByRole('button', { name: /^Invalidate/ })).toBeDisabled()
  await cache.getByRole('button', { name: /^Refresh/ }).click()
  await expect(cache.locator('.facet-state')).toHaveText('fresh')
  await expect(cache).toContainText(/expiresin \d+(\.\d)? s/)
  await expect(cache).not.toContainText('last refreshnever')
  await cache.getByRole('button', { name: /^Invalidate/ }).click()
  await expect(cache.locator('.facet-state')).toHaveText('empty')
  expect((await facetCalls(page)).cache.map((call) => call.action)).toEqual(['refresh', 'invalidate'])
})

test('the timeline shows the worker’s runs live; hover summarises a run and a click opens it in the inspector', async ({ page }) => {
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const lane = page.locator('.tl-lane[data-task="heartbeat"]')
  await expect(lane.locator('rect.tl-fail').first()).toBeAttached()
  await expect.poll(() => lane.locator('rect.tl-bar').count()).toBeGreaterThan(20)
  // Zoom in so bars are wide enough to point at.
  for (let step = 0; step < 4; step++) await page.getByRole('button', { name: 'Zoom in' }).click()
  await expect(page.getByRole('status', { name: 'Time shown' })).toHaveText('last 10 s')
  const bar = lane.locator('rect.tl-fail').last()
  await bar.hover()
  await expect(page.getByRole('tooltip')).toContainText(/heartbeat #\d+ · failed/)
  await expect(page.getByRole('tooltip')).toContainText('missed beat')
  // A sideways wheel scrolls back in time: the window stops following now, so bars stay put for the click.
  await page.mouse.wheel(-120, 0)
  await expect(page.getByRole('button', { name: 'Follow now' })).toHaveAttribute('aria-pressed', 'false')
  const run = await lane.locator('rect.tl-fail').evaluateAll((rects) => {
    const lane = rects[0]!.closest('svg')!.getBoundingClientRect()
    const inside = rects.find((rect) => {
      const box = rect.getBoundingClientRect()
      return box.left >= lane.left + 20 && box.right <= lane.right - 20
    })
    return Number(inside?.getAttribute('data-run'))
  })
  expect(run).toBeGreaterThanOrEqual(0)
  await lane.locator(`rect[data-run="${run}"]`).click()
  const inspector = page.getByRole('region', { name: 'Inspector: heartbeat' })
  await expect(inspector.getByRole('button', { name: `Hide error of run ${run}` })).toHaveAttribute('aria-expanded', 'true')
  await page.screenshot({ path: 'artifacts/screenshots/bridge-views-timeline.png' })
  // Ctrl + wheel zooms (out, here) around the pointer.
  await lane.hover()
  await page.keyboard.down('Control')
  await page.mouse.wheel(0, 100)
  await page.keyboard.up('Control')
  await expect(page.getByRole('status', { name: 'Time shown' })).toHaveText(/13 s/)
})

test('every new control is reachable with the keyboard and has a name', async ({ page }) => {
  /** The focused element's accessible name, inside the panel's shadow root. */
  const focused = () =>
    page.evaluate(() => {
      let active: Element | null = document.activeElement
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
      return active === null ? '' : (active.getAttribute('aria-label') ?? active.textContent ?? '').trim()
    })
  const reach = async (wanted: string[], presses = 80): Promise<string[]> => {
    const seen = new Set<string>()
    for (let press = 0; press < presses && !wanted.every((name) => seen.has(name)); press++) {
      await page.keyboard.press('Tab')
      seen.add(await focused())
    }
    return wanted.filter((name) => !seen.has(name))
  }
  await page.getByRole('tab', { name: 'Timeline' }).click()
  await page.getByRole('tab', { name: 'Timeline' }).focus()
  expect(await reach(['Zoom out', 'Zoom in', 'Earlier', 'Follow now'])).toEqual([])
  // The lanes: arrows move between tasks and runs, Enter opens the run.
  // A click on a lane's name selects its task (and focuses the lanes).
  await page.locator('.tl-lane[data-task="heartbeat"] .tl-name').click()
  await expect(page.locator('.tl-lane[data-task="heartbeat"]')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByRole('tooltip')).toContainText('heartbeat #')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('region', { name: 'Inspector: heartbeat' })).toBeVisible()

  await page.getByRole('tab', { name: 'Tasks' }).click()
  await row(page, 'search-indexer').click()
  await page.getByRole('region', { name: 'Queue search-indexer' }).getByRole('button', { name: /^Drain/ }).focus()
  expect(await reach(['Stop the queue (pending keys wait) (search-indexer)', 'Key to notify (search-indexer)'], 10)).toEqual([])
  await row(page, 'exchange-rates').click()
  await page.getByRole('region', { name: 'Cache exchange-rates' }).getByRole('button', { name: /^Refresh/ }).focus()
  expect(await focused()).toBe('Refresh: produce the value again now (exchange-rates)')
})

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 768, height: 1024 },
  { width: 400, height: 800 },
]) {
  test(`the timeline and the queue view fit at ${viewport.width}×${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport)
    await page.getByRole('tab', { name: 'Timeline' }).click()
    await expect(page.locator('.tl-lane[data-task="heartbeat"] rect.tl-bar').first()).toBeAttached()
    const overflowing = () =>
      page.locator('.tl-controls, .tl-axis, .tl-lane, .facet, .facet-controls').evaluateAll((elements) =>
        elements.filter((element) => element.scrollWidth > element.clientWidth + 1).map((element) => `${element.className}: ${element.scrollWidth} > ${element.clientWidth}`),
      )
    expect(await overflowing()).toEqual([])
    await page.screenshot({ path: `artifacts/screenshots/bridge-views-timeline-${viewport.width}.png` })
    await page.getByRole('tab', { name: 'Tasks' }).click()
    await row(page, 'search-indexer').click()
    await expect(page.getByRole('region', { name: 'Queue search-indexer' })).toBeVisible()
    expect(await overflowing()).toEqual([])
    await page.screenshot({ path: `artifacts/screenshots/bridge-views-queue-${viewport.width}.png` })
  })
}
