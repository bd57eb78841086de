import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import type { TwApi } from './fixture/page.ts'

declare global {
  var tw: TwApi
}

const ORIGIN = 'http://tickwork.test'
let bundle = ''
let errors: string[] = []

test.beforeAll(async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./fixture/page.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['tickwork-source'],
    logLevel: 'silent',
  })
  bundle = result.outputFiles[0]?.text ?? ''
})

test.beforeEach(async ({ page }) => {
  errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.route(`${ORIGIN}/**`, (route) => {
    const js = route.request().url().endsWith('/page.js')
    return route.fulfill({
      contentType: js ? 'text/javascript' : 'text/html',
      body: js ? bundle : '<!doctype html><p id="status">loading</p><script type="module" src="/page.js"></script>',
    })
  })
  await page.goto(`${ORIGIN}/`)
  await expect(page.locator('#status')).toHaveText('ready')
  expect(await page.evaluate(() => tw.hasPostTask)).toBe(true)
})

test('scheduled runs go through scheduler.postTask with the level’s priority', async ({ page }) => {
  const result = await page.evaluate(() => tw.levels())
  // The shared timer fires critical first; each run is posted, none starts synchronously.
  expect(result.posted).toEqual(['user-visible', 'user-visible', 'background', 'background'])
  expect(result.startedBeforePosting).toEqual([])
  expect(result.order).toEqual(['critical', 'high', 'medium', 'low'])
})

test('document visibility: low pauses, medium slows ×4, high runs; overdue runs happen once on visible', async ({ page }) => {
  const { steps, posted } = await page.evaluate(() => tw.visibility())
  expect(steps).toEqual([
    { start: { low: 1, medium: 1, high: 1 }, 'start:mediumNext': 100 },
    // hidden at 0: the waits armed while visible still fire for medium; low holds its run
    { 'hidden+100': { low: 1, medium: 2, high: 2 }, 'hidden+100:mediumNext': 500 },
    { 'hidden+500': { low: 1, medium: 3, high: 6 }, 'hidden+500:mediumNext': 900 },
    // visible: low's held run happens at once; medium's wait returns to its real deadline
    { visible: { low: 2, medium: 3, high: 6 }, 'visible:mediumNext': 600 },
    { 'visible+600': { low: 3, medium: 4, high: 7 }, 'visible+600:mediumNext': 700 },
  ])
  expect(new Set(posted)).toEqual(new Set(['background', 'user-visible']))
})

test('a cached value persists in IndexedDB and regenerates a corrupt entry', async ({ page }) => {
  const result = await page.evaluate(() => tw.indexedDb())
  expect(result.first).toEqual({ value: 'one' })
  expect(result.second).toEqual({ value: 'one' })
  expect(result.third).toEqual({ value: 'three' })
  expect(result.calls).toEqual(['one', 'three'])
  expect(JSON.parse(result.stored ?? 'null')).toEqual({ storedAt: 1000, value: '{"value":"three"}' })
  expect(result.other).toBeUndefined()
})

test.afterEach(() => {
  expect(errors).toEqual([])
})
