import { expect, test, type Page } from '@playwright/test'
import type { FixtureApi } from './fixture/main.ts'

declare global {
  var tw: FixtureApi
}

/** Opens the fixture as tab `name` and waits until the worker's registry is connected. */
async function open(page: Page, name: string): Promise<Page> {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  ;(page as Page & { errors?: string[] }).errors = errors
  await page.goto(`/?tab=${name}`)
  await expect(page.locator('#status')).toHaveText('ready')
  return page
}

const errorsOf = (page: Page): string[] => (page as Page & { errors?: string[] }).errors ?? []

test.describe('bridge to a Web Worker', () => {
  test("the worker's tasks appear through connectRegistry and obey its controls", async ({ page }) => {
    await open(page, 'A')
    expect(await page.evaluate(() => [tw.remote.label, tw.remote.connected, tw.remote.names()])).toEqual(['worker', true, ['worker-poll', 'worker-idle', 'worker-leader']])
    // Live updates: the worker's poll task keeps running and the mirror follows.
    await expect.poll(() => page.evaluate(() => tw.remote.view('worker-poll')?.status.totalRuns ?? 0)).toBeGreaterThan(3)
    expect(await page.evaluate(() => tw.remote.view('worker-poll')?.status.level)).toBe('high')

    await page.evaluate(() => tw.remote.control('worker-idle', 'trigger'))
    await expect.poll(() => page.evaluate(() => tw.remote.view('worker-idle')?.history.at(-1)?.extra['where'])).toBe('worker')
    expect(await page.evaluate(() => tw.remote.view('worker-idle')?.status.state)).toBe('idle')

    await page.evaluate(() => tw.remote.control('worker-poll', 'pause'))
    await expect.poll(() => page.evaluate(() => tw.remote.view('worker-poll')?.status.state)).toBe('paused')
    await page.evaluate(() => tw.remote.control('worker-poll', 'resume'))
    await expect.poll(() => page.evaluate(() => tw.remote.view('worker-poll')?.status.state)).toMatch(/scheduled|running/)
    await page.evaluate(() => tw.remote.control('worker-poll', 'clearHistory'))
    await page.evaluate(() => tw.remote.control('worker-poll', 'stop'))
    await expect.poll(() => page.evaluate(() => tw.remote.view('worker-poll')?.status.state)).toBe('stopped')
    await page.evaluate(() => tw.remote.control('worker-idle', 'start'))
    await expect.poll(() => page.evaluate(() => tw.remote.view('worker-idle')?.status.state)).toMatch(/scheduled|running/)
    expect(await page.evaluate(() => tw.remote.diagnostics())).toMatchObject({ malformed: 0, controlsSent: 6, connected: 1 })
    expect(errorsOf(page)).toEqual([])
  })

  test('malformed messages posted to the channels are ignored and counted', async ({ page }) => {
    await open(page, 'A')
    // Into the worker: not bridge traffic, a broken control, a wrong version, an unknown type.
    await page.evaluate(() => {
      const head = { protocol: 'tickwork-bridge', version: 1 }
      tw.worker.postMessage('junk')
      tw.worker.postMessage({ ...head, type: 'control', client: 'x', to: 'someone', name: 'worker-poll' })
      tw.worker.postMessage({ ...head, version: 2, type: 'hello', client: 'x', to: null })
      tw.worker.postMessage({ ...head, type: 'eval', code: 'close()' })
      tw.askWorkerDiagnostics()
    })
    await expect.poll(() => page.evaluate(() => tw.workerDiagnostics())).toMatchObject({ malformed: 3, controls: 0, clients: 1 })
    expect((await page.evaluate(() => tw.workerDiagnostics()))!['foreign']).toBeGreaterThanOrEqual(2)

    // Out of the worker, to the page's client.
    await page.evaluate(() => tw.worker.postMessage({ cmd: 'send-junk' }))
    await expect.poll(() => page.evaluate(() => tw.remote.diagnostics())).toMatchObject({ malformed: 2, connected: 1 })
    expect((await page.evaluate(() => tw.remote.diagnostics()))['foreign']).toBeGreaterThanOrEqual(1)

    // On the tabs' BroadcastChannel, to the page's exposed registry.
    await page.evaluate(() => {
      const channel = new BroadcastChannel('tickwork-e2e')
      channel.postMessage({ protocol: 'tickwork-bridge', version: 1, type: 'hello', client: '' })
      channel.postMessage(42)
      channel.close()
    })
    await expect.poll(() => page.evaluate(() => tw.tabExposure.diagnostics())).toMatchObject({ malformed: 1, foreign: 1 })

    // Both sides carry on.
    const runs = await page.evaluate(() => tw.remote.view('worker-poll')!.status.totalRuns)
    await expect.poll(() => page.evaluate(() => tw.remote.view('worker-poll')!.status.totalRuns)).toBeGreaterThan(runs)
    expect(errorsOf(page)).toEqual([])
  })
})

test.describe("exclusive: 'tabs'", () => {
  test('with two pages only one runs the single-runner task; close it and the other takes over', async ({ context }) => {
    const a = await open(await context.newPage(), 'A')
    await expect.poll(() => a.evaluate(() => tw.role())).toBe('this')
    const b = await open(await context.newPage(), 'B')
    expect(await b.evaluate(() => tw.role())).toBe('other')
    await expect.poll(() => a.evaluate(() => tw.reportRuns())).toBeGreaterThanOrEqual(4)
    expect(await b.evaluate(() => tw.reportRuns())).toBe(0)

    // Tab B sees tab A's registry over the BroadcastChannel, runner included.
    await b.evaluate(async () => {
      const other = tw.connectTab('A')
      ;(globalThis as { tabA?: typeof other }).tabA = other
      await other.ready
    })
    expect(await b.evaluate(() => (globalThis as unknown as { tabA: typeof tw.remote }).tabA.view('report')?.runner)).toBe('this')

    await a.close()
    await expect.poll(() => b.evaluate(() => tw.role())).toBe('this')
    await expect.poll(() => b.evaluate(() => tw.reportRuns())).toBeGreaterThanOrEqual(1)
    expect(errorsOf(b)).toEqual([])
  })

  test('stopping the runner hands over to a waiting page', async ({ context }) => {
    const a = await open(await context.newPage(), 'A')
    await expect.poll(() => a.evaluate(() => tw.role())).toBe('this')
    const b = await open(await context.newPage(), 'B')
    await a.evaluate(() => tw.stopReport())
    await expect.poll(() => b.evaluate(() => tw.role())).toBe('this')
    const stoppedAt = await a.evaluate(() => tw.reportRuns())
    await expect.poll(() => b.evaluate(() => tw.reportRuns())).toBeGreaterThanOrEqual(2)
    expect(await a.evaluate(() => [tw.role(), tw.reportRuns()])).toEqual(['other', stoppedAt])
    // Started again, A waits in line behind B.
    await a.evaluate(() => tw.startReport())
    await expect.poll(() => b.evaluate(() => tw.reportRuns())).toBeGreaterThanOrEqual(4)
    expect(await a.evaluate(() => [tw.role(), tw.reportRuns()])).toEqual(['other', stoppedAt])
    expect([...errorsOf(a), ...errorsOf(b)]).toEqual([])
  })
})
