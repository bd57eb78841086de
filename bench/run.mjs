// `pnpm bench`: the whole benchmark suite of issue 7 in one run. Bundles what
// each part needs with esbuild (workspace packages from source), runs every
// comparison side by side, prints ONE table with PASS/FAIL per target and
// writes bench/results.json.
//
//   node bench/run.mjs            full run (about 2–3 minutes)
//   node bench/run.mjs --quick    smaller counts, for a smoke test
//   node bench/run.mjs --only=lateness,scale
//   node bench/run.mjs --strict   exit 1 when any target fails
//   node bench/run.mjs --soak     also run bench/soak.mjs (issue 8, long)
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { benchDir, bundleFile } from './lib/bundle.mjs'
import { runJson, runText } from './lib/child.mjs'
import { fmt, latenessCell } from './lib/stats.mjs'
import { renderTable, row } from './lib/table.mjs'
import { panelFrames, productionBundleCheck } from './devtools/chromium.mjs'
import { timelineFrames } from './devtools/timeline.mjs'
import { latenessInChromium, latenessOn, latenessOnNode } from './lateness/runtimes.mjs'
import { measureSizes, verdict } from './size.mjs'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const only = args.find((arg) => arg.startsWith('--only='))?.slice(7).split(',')
const wanted = (part) => only === undefined || only.includes(part)

const config = {
  latenessRuns: quick ? 100 : 500,
  scaleSizes: quick ? [10_000] : [10_000, 100_000],
  // The issue asks for 6 s; 3 s keeps `pnpm bench` near 3 minutes and already holds ~300,000 runs at 100k tasks.
  scaleWindowMs: quick ? 1_500 : 3_000,
  overheadRuns: quick ? 100_000 : 1_000_000,
  leakCycles: quick ? 100_000 : 1_000_000,
}

const rows = []
const results = { startedAt: new Date().toISOString(), node: process.version, quick, config }
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`

/** Runs one part; a crash becomes an ERROR row instead of ending the suite. */
async function part(name, fn) {
  if (!wanted(name)) return
  const started = performance.now()
  process.stderr.write(`[bench] ${name}…\n`)
  try {
    await fn()
  } catch (error) {
    results[name] = { error: String(error?.stack ?? error) }
    rows.push({ item: name, subject: 'crashed', measured: String(error?.message ?? error).split('\n')[0].slice(0, 100), target: '', verdict: 'ERROR' })
  }
  process.stderr.write(`[bench] ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
}

const node = (file, childArgs = [], options = {}) => runJson(process.execPath, [...(options.gc ? ['--expose-gc'] : []), file, ...childArgs], options)
const bundled = (entry, name) => bundleFile(join(benchDir, entry), name, { platform: 'node' })

/** Lateness rows of one runtime: every contender, then the targets for tickwork. */
function latenessRows(runtime, summaries) {
  if (summaries.skipped) {
    rows.push(row('1', `lateness on ${runtime}`, `skipped: ${summaries.skipped}`))
    return
  }
  for (const [name, s] of Object.entries(summaries)) rows.push(row('1', `${runtime}: ${name}`, latenessCell(s)))
  const raw = summaries['raw setTimeout loop']
  for (const name of ['tickwork fixed-delay', 'tickwork fixed-rate']) {
    const s = summaries[name]
    const limit = raw.p99 + 0.5
    rows.push(row('1', `${runtime}: ${name} p99`, `${fmt(s.p99)} ms`, `≤ raw p99 + 0.5 = ${fmt(limit)} ms`, s.p99 <= limit))
    rows.push(row('1', `${runtime}: ${name} min`, `${fmt(s.min, ' ms', 3)}`, '≥ 0 ms', s.min >= 0))
  }
}

await part('size', async () => {
  const sizes = await measureSizes()
  results.size = sizes.map(({ metafile, ...rest }) => rest)
  for (const s of sizes) {
    rows.push(
      row('6', `size: ${s.name}`, `${kb(s.gzipBytes)} min+gzip (${kb(s.minBytes)} min)`, s.budget ? `≤ ${kb(s.budget)}` : '', s.budget ? s.pass : undefined),
    )
    if (s.budget && !s.pass) rows[rows.length - 1].verdict = verdict(s).startsWith('OVER') ? 'FAIL*' : 'FAIL'
  }
})

await part('drift', async () => {
  const drift = await node(await bundled('drift.mjs', 'drift'))
  results.drift = drift
  const r = drift.fixedRate
  rows.push(row('2', `fixed-rate drift after ${r.ticks} ticks at 1 ms (virtual, 0–0.5 ms injected lateness)`, `${fmt(Math.abs(r.driftMs), ' ms', 3)}, ${r.skipped} slots skipped`, '< 3 ms', Math.abs(r.driftMs) < 3))
  rows.push(row('2', `fixed-delay under the same lateness (drifts by design)`, `${fmt(drift.fixedDelay.driftMs, ' ms', 1)}`))
})

await part('overhead', async () => {
  const o = await node(await bundled('overhead.mjs', 'overhead'), [String(config.overheadRuns)])
  results.overhead = o
  rows.push(row('4', `overhead: tickwork run bookkeeping, ${o.runs} runs (CPU ns/run)`, `${fmt(o.tickworkNs, ' ns', 0)} (bare async loop ${fmt(o.bareNs, ' ns', 0)}, +${fmt(o.overheadNs, ' ns', 0)})`))
})

await part('leaks', async () => {
  const l = await node(await bundled('leaks.mjs', 'leaks'), [String(config.leakCycles)], { gc: true, timeoutMs: 300_000 })
  results.leaks = l
  rows.push(row('5', `leaks: listeners left after ${l.cycles} sleep/abort cycles + ${l.cycles} runs`, String(l.listenersLeft), '0', l.listenersLeft === 0 && l.systemQueueEntries === 0 && l.virtualQueueEntries === 0))
  rows.push(row('5', 'leaks: heap retained after GC', kb(l.retainedBytes), '< 1 MB', l.retainedBytes < 1024 * 1024))
})

await part('scale', async () => {
  const file = await bundled('scale/child.mjs', 'scale')
  results.scale = []
  for (const count of config.scaleSizes) {
    const pair = {}
    for (const kind of ['tickwork', 'setTimeout']) {
      pair[kind] = await node(file, [kind, String(count), String(config.scaleWindowMs)], { gc: true, timeoutMs: 120_000 })
      results.scale.push(pair[kind])
    }
    const label = `${count.toLocaleString('en')} tasks at 1 Hz`
    for (const [kind, r] of Object.entries(pair)) {
      const who = kind === 'tickwork' ? 'tickwork' : 'one setTimeout per task'
      rows.push(row('3', `${label}, ${who}`, `CPU ${fmt(r.cpuUsPerRun, ' µs/run')}, late p99 ${fmt(r.lateness.p99, ' ms')}, heap ${fmt(r.heapPerTaskBytes, ' B/task', 0)}, start ${fmt(r.startMs, ' ms', 0)}, stop ${fmt(r.stopMs, ' ms', 0)}`))
    }
    if (count === 100_000) {
      const t = pair.tickwork
      rows.push(row('3', `${label}: tickwork CPU per run`, fmt(t.cpuUsPerRun, ' µs'), '≤ 2 µs', t.cpuUsPerRun <= 2))
      rows.push(row('3', `${label}: tickwork p99 lateness`, fmt(t.lateness.p99, ' ms'), '≤ 1.5 ms', t.lateness.p99 <= 1.5))
      rows.push(row('3', `${label}: tickwork heap per idle task`, fmt(t.heapPerTaskBytes, ' B', 0), '≤ 300 B', t.heapPerTaskBytes <= 300))
    }
  }
})

await part('lateness', async () => {
  results.lateness = {}
  // Node alone first (its own process, nothing else running), then the others side by side.
  results.lateness.node = await latenessOnNode(config.latenessRuns)
  const [deno, bun, chromium] = await Promise.all([
    latenessOn('deno', config.latenessRuns),
    latenessOn('bun', config.latenessRuns),
    latenessInChromium(config.latenessRuns),
  ])
  Object.assign(results.lateness, { deno, bun, chromium })
  for (const [runtime, summaries] of Object.entries(results.lateness)) latenessRows(runtime, summaries)
})

await part('devtools', async () => {
  const production = await productionBundleCheck()
  const frames = await panelFrames({ seconds: quick ? 4 : 10 })
  results.devtools = { production, frames }
  if (frames.skipped) rows.push(row('7', 'devtools panel in Chromium', `skipped: ${frames.skipped}`))
  else {
    const { baseline, panel } = frames
    const cell = (f) => `frames p50 ${fmt(f.frames.p50)} p95 ${fmt(f.frames.p95)} max ${fmt(f.frames.max)} ms, ${f.longTasks} long tasks (${fmt(f.longTaskMs, ' ms', 0)})`
    rows.push(row('7', `devtools: same page, panel closed (baseline, ${frames.tasks} tasks)`, cell(baseline)))
    rows.push(row('7', `devtools: panel open, ${frames.tasks} tasks at ${fmt(frames.eventsPerSecond, '', 0)} events/s, ${frames.seconds} s`, `${cell(panel)}, heap ${fmt(frames.heapMB, ' MB', 1)} (+${fmt(frames.heapGrowthMB, ' MB', 1)})`))
    rows.push(row('7', 'devtools: frame p95 with the panel open', fmt(panel.frames.p95, ' ms', 1), '≤ 16.7 ms', panel.frames.p95 <= 16.7))
  }
  rows.push(
    row('7', 'devtools: production bundle (esbuild, NODE_ENV=production) has no panel code', production.panelMarkersFound.length === 0 ? `none (${kb(production.bytes)} min)` : `panel strings found: ${production.panelMarkersFound.join(', ')} (${kb(production.bytes)} min)`, 'no panel code', production.panelMarkersFound.length === 0),
  )
})

await part('timeline', async () => {
  const frames = await timelineFrames({ rounds: 3, seconds: quick ? 4 : 8 })
  results.timeline = frames
  if (frames.skipped) return void rows.push(row('18', 'devtools timeline in Chromium', `skipped: ${frames.skipped}`))
  const subject = `devtools timeline open, ${frames.tasks} tasks × ${frames.runsPerTask} runs at ${fmt(frames.eventsPerSecond, '', 0)} events/s: frame p95, median of ${frames.rounds.length}`
  rows.push(row('18', subject, `${fmt(frames.openP95, ' ms', 1)} (panel closed: ${fmt(frames.closedP95, ' ms', 1)})`, '≤ panel-closed p95 + 10 %', frames.openP95 <= frames.closedP95 * 1.1))
})

await part('soak', async () => {
  // The reliability engineer's soak, when present and asked for (it is long).
  const soak = join(benchDir, 'soak.mjs')
  if (!existsSync(soak) || !args.includes('--soak')) return
  const { code, stdout } = await runText(process.execPath, [soak])
  const counts = /(\d+) passed, (\d+) failed/.exec(stdout)
  results.soak = { code, stdout }
  const headline = stdout.split('\n').find((line) => line.startsWith('soak:')) ?? 'no summary line'
  rows.push(row('soak', `bench/soak.mjs (issue 8): ${headline.slice(0, 90)}`, counts ? `${counts[1]} passed, ${counts[2]} failed` : `exit ${code}`, 'all checks pass', code === 0 && counts !== null && counts[2] === '0'))
})

const order = ['1', '2', '3', '4', '5', '6', '7', 'soak']
rows.sort((a, b) => order.indexOf(a.item) - order.indexOf(b.item))
results.rows = rows
results.finishedAt = new Date().toISOString()
writeFileSync(join(benchDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
console.log(renderTable(rows))
const failed = rows.filter((r) => r.verdict.startsWith('FAIL') || r.verdict === 'ERROR').length
const passed = rows.filter((r) => r.verdict === 'PASS').length
console.log(`\ntargets: ${passed} PASS, ${failed} FAIL/ERROR${rows.some((r) => r.verdict === 'FAIL*') ? ' (FAIL* = over the goal, within the known allowance of bench/size-allowance.json)' : ''}. Full figures: bench/results.json`)
process.exit(args.includes('--strict') && failed > 0 ? 1 : 0)
