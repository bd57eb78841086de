// Tests the Web Worker example in Chromium: the page starts the worker, the
// worker's tasks run and report, "run now" triggers a run, "stop all" stops
// everything. Waits are on page state (with Playwright's safety timeout), never on durations.
// Usage: node examples/web-worker/test.mjs
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs'
import { buildExamples } from '../build.mjs'

const dir = `${await buildExamples(['web-worker'])}/web-worker`
const types = { html: 'text/html', js: 'text/javascript' }
const server = createServer((request, response) => {
  const name = new URL(request.url ?? '/', 'http://x').pathname.slice(1) || 'index.html'
  if (!/^[\w-]+\.(html|js)$/.test(name)) return void response.writeHead(404).end()
  try {
    response.writeHead(200, { 'content-type': types[name.split('.').pop()] }).end(readFileSync(`${dir}/${name}`))
  } catch {
    response.writeHead(404).end()
  }
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))

const checks = {
  async 'the worker runs both tasks and the page lists them'(page) {
    await page.waitForFunction(() => Number(document.querySelector('[data-task="sync-inbox"]')?.dataset.runs) >= 3)
    await page.waitForSelector('[data-task="warm-cache"]')
  },
  async '"Sync inbox now" triggers an extra run'(page) {
    await page.click('#run-now')
    await page.waitForSelector('[data-task="sync-inbox"][data-manual-runs="1"]')
  },
  async '"Stop all" stops every task in the worker'(page) {
    await page.click('#stop')
    await page.waitForSelector('body[data-stopped="true"]')
    const states = await page.$$eval('#tasks li', (items) => items.map((item) => item.dataset.state))
    if (states.length !== 2 || states.some((state) => state !== 'stopped')) throw new Error(`states after stop: ${states.join(', ')}`)
  },
}

let passed = 0
let failed = 0
const browser = await chromium.launch(chromiumLaunchOptions)
try {
  const page = await browser.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(String(error)))
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`)
  for (const [name, check] of Object.entries(checks)) {
    try {
      await check(page)
      if (errors.length > 0) throw new Error(`uncaught in the page: ${errors.join('; ')}`)
      passed++
      console.log(`  ok   ${name}`)
    } catch (error) {
      failed++
      console.log(`  FAIL ${name}\n       ${String(error).split('\n')[0]}`)
    }
  }
} finally {
  await browser.close()
  server.close()
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
