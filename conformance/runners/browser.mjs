// Runs the bundled suite in Chromium twice: in a page and in a dedicated
// module Web Worker started by that page. A tiny static server on a free port
// serves the bundle; playwright-core drives Debian's chromium.
// Usage: node conformance/runners/browser.mjs <artifacts/conformance> [page|worker ...]
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs'

const dir = process.argv[2]
const wanted = process.argv.slice(3).length > 0 ? process.argv.slice(3) : ['page', 'worker']

const files = {
  '/': ['text/html', '<!doctype html><meta charset="utf-8"><title>tickwork conformance</title>'],
  '/suite.js': ['text/javascript', () => readFileSync(`${dir}/suite.js`)],
  // The worker runs the suite and posts the report back to the page.
  '/worker.js': [
    'text/javascript',
    `import { runConformance } from './suite.js'
runConformance(() => {}).then((report) => postMessage(report))`,
  ],
}

const server = createServer((request, response) => {
  const file = files[new URL(request.url ?? '/', 'http://x').pathname]
  if (file === undefined) {
    response.writeHead(404).end()
    return
  }
  const [type, body] = file
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(typeof body === 'function' ? body() : body)
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${server.address().port}`

const runners = {
  page: (page) => page.evaluate(async () => (await import('/suite.js')).runConformance(() => {})),
  worker: (page) =>
    page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker('/worker.js', { type: 'module' })
          worker.onmessage = (event) => {
            worker.terminate()
            resolve(event.data)
          }
          worker.onerror = (event) => reject(new Error(`worker error: ${event.message}`))
        }),
    ),
}

let failed = 0
const browser = await chromium.launch(chromiumLaunchOptions)
try {
  for (const name of wanted) {
    const page = await browser.newPage()
    const errors = []
    page.on('pageerror', (error) => errors.push(String(error)))
    try {
      await page.goto(`${origin}/`)
      const report = await runners[name](page)
      console.log(`[${name}] ${report.lines.join(`\n[${name}] `)}`)
      for (const error of errors) console.log(`[${name}] uncaught: ${error}`)
      if (report.failed > 0 || errors.length > 0) failed++
    } catch (error) {
      console.log(`[${name}] ${String(error)}\n[${name}] 0 passed, 1 failed`)
      failed++
    } finally {
      await page.close()
    }
  }
} finally {
  await browser.close()
  server.close()
}
process.exitCode = failed > 0 ? 1 : 0
