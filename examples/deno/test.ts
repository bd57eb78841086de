// Proves the Deno adapters in REAL Deno: local Deno KV files, Deno.cron
// registration, Deno.serve for the HTTP tick endpoint.
// Run: node_modules/.bin/deno run --unstable-cron --unstable-kv -A --config examples/deno/deno.json examples/deno/test.ts
import { memoryTickStore, snapshotSource, type TickReport } from '@tickwork/core/tick'
import { denoKvStore, type DenoCronFunction } from '@tickwork/core/deno'
import { tickHandler } from '@tickwork/core/http'
import { createApp } from './app.ts'
import { assertEqual, run, test } from '../harness.mjs'

const MINUTE = 60_000
const T0 = Date.UTC(2026, 0, 1, 12, 0)
const dir = await Deno.makeTempDir({ prefix: 'tickwork-deno-kv-' })
let files = 0
/** A fresh KV file path. */
const kvPath = () => `${dir}/kv-${files++}.sqlite`

/** A cron function that records the registration and keeps the handler to fire it by hand. */
function capturingCron() {
  const calls: { name: string; schedule: string; handler: () => Promise<void> }[] = []
  const cron: DenoCronFunction = (name, schedule, handler) => {
    calls.push({ name, schedule, handler })
  }
  return { cron, calls }
}

test('registers with the real Deno.cron (name and schedule accepted by Deno)', async () => {
  const kv = await Deno.openKv(kvPath())
  const controller = new AbortController()
  const seen: string[] = []
  // The real Deno.cron, wrapped to pass an AbortSignal so the test can unregister it.
  const cron: DenoCronFunction = (name, schedule, handler) => {
    seen.push(`${name} ${schedule}`)
    return Deno.cron(name, schedule, { signal: controller.signal }, handler)
  }
  const app = createApp(kv, { cron })
  assertEqual(seen, ['tickwork * * * * *'], 'registration')
  controller.abort()
  await app.cron.registered
  kv.close()
})

test('a cron call runs the due tasks critical first, with state in real Deno KV', async () => {
  const kv = await Deno.openKv(kvPath())
  const { cron, calls } = capturingCron()
  const app = createApp(kv, { cron, now: () => T0, slowMs: 10 })
  await calls[0]!.handler()
  assertEqual(app.ran, ['flush-metrics', 'refresh-cache', 'digest', 'vacuum'], 'runs')
  const stored = (await kv.get(['tickwork', 'tickwork:task:digest'])).value as { lastDueAt: number; totalRuns: number }
  assertEqual([stored.lastDueAt, stored.totalRuns], [T0, 1], 'digest record in Deno KV')
  kv.close()
})

test('a retried cron call in the same minute runs nothing twice, also from a fresh isolate', async () => {
  const path = kvPath()
  const kv = await Deno.openKv(path)
  const first = capturingCron()
  const app = createApp(kv, { cron: first.cron, now: () => T0, slowMs: 10 })
  await first.calls[0]!.handler()
  await first.calls[0]!.handler()
  assertEqual(app.ran.length, 4, 'runs after a retry')
  kv.close()
  // A new process would open the same database: a new registry, new KV handle.
  const reopened = await Deno.openKv(path)
  const second = capturingCron()
  const fresh = createApp(reopened, { cron: second.cron, now: () => T0 + 30_000, slowMs: 10 })
  await second.calls[0]!.handler()
  assertEqual(fresh.ran, [], 'runs in a fresh isolate for an already-run minute')
  assertEqual(fresh.cron.lastReport()?.nextDueAt, T0 + MINUTE, 'next due')
  reopened.close()
})

test('two deliveries racing on one database run each task once (atomic check + commit)', async () => {
  // Two registries stand for two isolates; SQLite allows one writer handle per process, so they share it.
  const kv = await Deno.openKv(kvPath())
  const [kvA, kvB] = [kv, kv]
  const [a, b] = [capturingCron(), capturingCron()]
  const appA = createApp(kvA, { cron: a.cron, now: () => T0, slowMs: 10 })
  const appB = createApp(kvB, { cron: b.cron, now: () => T0, slowMs: 10 })
  await Promise.all([a.calls[0]!.handler(), b.calls[0]!.handler()])
  assertEqual([...appA.ran, ...appB.ran].sort(), ['digest', 'flush-metrics', 'refresh-cache', 'vacuum'], 'runs across both')
  const contended = [...(appA.cron.lastReport()?.contended ?? []), ...(appB.cron.lastReport()?.contended ?? [])]
  assertEqual(contended.sort(), ['digest', 'flush-metrics', 'refresh-cache', 'vacuum'], 'the slots the other delivery claimed')
  kv.close()
})

test('a task over the budget sheds the rest, low first; the shed task runs on the next call', async () => {
  const kv = await Deno.openKv(kvPath())
  const { cron, calls } = capturingCron()
  // digest alone outlasts the budget; the budget is generous next to the KV round trips before it.
  const app = createApp(kv, { cron, now: () => T0, slowMs: 1100, budgetMs: 1000 })
  await calls[0]!.handler()
  const report = app.cron.lastReport() as TickReport
  assertEqual(app.ran, ['flush-metrics', 'refresh-cache', 'digest'], 'runs within budget')
  assertEqual(report.shed.map((task) => task.name), ['vacuum'], 'shed')
  assertEqual(report.nextDueAt, T0, 'shed work is due at once')
  await calls[0]!.handler()
  assertEqual(app.ran.slice(3), ['vacuum'], 'the shed task on the next call')
  kv.close()
})

test('the devtools snapshot reads a registry back from Deno KV', async () => {
  const kv = await Deno.openKv(kvPath())
  const { cron, calls } = capturingCron()
  createApp(kv, { cron, now: () => T0, slowMs: 10 })
  await calls[0]!.handler()
  const source = await snapshotSource(denoKvStore(kv))
  assertEqual(source.names(), ['flush-metrics', 'refresh-cache', 'digest', 'vacuum'], 'names')
  assertEqual(source.view('digest')?.status.lastSummary?.message, 'digest sent', 'digest last message')
  assertEqual(source.view('vacuum')?.status.nextRunAt, T0 + 5 * MINUTE, 'vacuum next run')
  assertEqual(source.controllable, false, 'read-only')
  kv.close()
})

test('tickHandler answers a real HTTP tick from Deno.serve with the JSON report', async () => {
  const kv = await Deno.openKv(kvPath())
  const app = createApp(kv, { cron: capturingCron().cron, slowMs: 10 })
  const handler = tickHandler(app.registry, { store: memoryTickStore(), authorize: (request) => request.headers.get('x-tick-secret') === 'shh' })
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, handler)
  try {
    const url = `http://127.0.0.1:${server.addr.port}/tick?now=${T0}`
    const denied = await fetch(url, { method: 'POST' })
    await denied.body?.cancel()
    assertEqual(denied.status, 401, 'without the secret')
    const response = await fetch(url, { method: 'POST', headers: { 'x-tick-secret': 'shh' } })
    const report = (await response.json()) as TickReport
    assertEqual(report.summaries.map((summary) => summary.name), ['flush-metrics', 'refresh-cache', 'digest', 'vacuum'], 'runs')
    const again = (await (await fetch(url, { headers: { 'x-tick-secret': 'shh' } })).json()) as TickReport
    assertEqual(again.summaries, [], 'the same slot again')
  } finally {
    await server.shutdown()
    kv.close()
  }
})

const counts = await run('deno example in real Deno')
await Deno.remove(dir, { recursive: true })
Deno.exit(counts.failed > 0 ? 1 : 0)
