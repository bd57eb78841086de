// `pnpm bench`: the benchmark suite (punctuality, scale, history, wall-clock jumps, the devtools panel, sizes) in
// one run. Bundles what each part needs with esbuild (workspace packages from
// source), runs every comparison side by side in the same run, each figure
// the median of ≥ 3 rounds with min–max, prints ONE table with a verdict per
// target and writes bench/results.json. Not part of test:all (only the size
// budget check is: `node bench/size.mjs --check`).
//
//   node bench/run.mjs            full run (about 4–5 minutes)
//   node bench/run.mjs --quick    smaller counts and windows, same rounds (about 1.5 minutes)
//   node bench/run.mjs --only=lateness,scale   parts: size drift overhead leaks history jump scale lateness devtools soak
//   node bench/run.mjs --rounds=5
//   node bench/run.mjs --strict   exit 1 when any target is FAIL or ERROR
//   node bench/run.mjs --soak     also run bench/soak.mjs (long)
//
// Verdicts: PASS when every round meets the target, FAIL when none does,
// NOISY (k/n pass) when rounds disagree: there the machine's noise, not the
// code, decides, and the min–max of the figures says by how much.
import { existsSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { benchDir, bundleFile } from './lib/bundle.mjs'
import { runJson, runText } from './lib/child.mjs'
import { inRounds, roundsVerdict, spreadCell } from './lib/rounds.mjs'
import { fmt } from './lib/stats.mjs'
import { renderTable, row } from './lib/table.mjs'
import { panelRounds, productionBundleCheck } from './devtools/chromium.mjs'
import { timelineFrames } from './devtools/timeline.mjs'
import { latenessInChromium, latenessOn, latenessOnNode } from './lateness/runtimes.mjs'
import { kb, measureSizes, verdict as sizeVerdict } from './size.mjs'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const only = args.find((arg) => arg.startsWith('--only='))?.slice(7).split(',')
const wanted = (part) => only === undefined || only.includes(part)
const rounds = Math.max(1, Number(args.find((arg) => arg.startsWith('--rounds='))?.slice(9) ?? 3))

const config = {
  rounds,
  latenessRuns: quick ? 100 : 250,
  scaleTasks: quick ? 10_000 : 100_000,
  scaleWindowMs: quick ? 2_000 : 5_000,
  historyRuns: quick ? 200_000 : 1_000_000,
  jumpWindowMs: quick ? 2_000 : 3_000,
  panelTasks: quick ? 2_000 : 10_000,
  panelClosedSeconds: quick ? 2 : 3,
  panelOpenSeconds: quick ? 2 : 5,
  overheadRuns: quick ? 100_000 : 1_000_000,
  // 10^6 cycles take ~40 s here: 2·10^5 keep the suite under 5 minutes and still show any leak.
  leakCycles: quick ? 50_000 : 200_000,
}

const rows = []
const results = { startedAt: new Date().toISOString(), node: process.version, quick, config, loadBefore: loadavg() }

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
const pick = (list, fn) => list.map(fn)
const ms = (values, digits = 2) => spreadCell(values, ' ms', digits)

// ---------------------------------------------------------------- lateness
const RAW_DELAY = 'raw setTimeout, fixed delay'
const RAW_RATE = 'raw setTimeout, fixed rate'

/** Rows of one runtime: every contender's p50/p99/min, then the targets of tickwork. */
function latenessRows(runtime, perRound) {
  if (perRound.skipped) {
    rows.push(row('1', `lateness on ${runtime}`, `skipped: ${perRound.skipped}`))
    return
  }
  for (const name of Object.keys(perRound[0])) {
    const cpu = perRound[0][name].cpuUsPerRun === undefined ? '' : `, CPU ${spreadCell(pick(perRound, (r) => r[name].cpuUsPerRun), ' µs', 0)}/run, ${spreadCell(pick(perRound, (r) => r[name].wakesPerRun), '', 2)} timer arms/run`
    rows.push(row('1', `${runtime}: ${name}`, `p50 ${ms(pick(perRound, (r) => r[name].p50))}, p99 ${ms(pick(perRound, (r) => r[name].p99))}, min ${ms(pick(perRound, (r) => r[name].min), 3)}${cpu}`))
  }
  const targets = [
    ['tickwork fixed-delay', RAW_DELAY, 0.3, '1'],
    ['tickwork fixed-rate', RAW_RATE, 0.5, '2'],
  ]
  for (const [name, raw, margin, item] of targets) {
    const excess = pick(perRound, (r) => r[name].p99 - r[raw].p99)
    rows.push(row(item, `${runtime}: ${name} p99 − raw p99 (same round)`, ms(excess), `≤ +${margin} ms`, roundsVerdict(excess.map((e) => e <= margin))))
    const mins = pick(perRound, (r) => r[name].min)
    if (item === '1') rows.push(row(item, `${runtime}: ${name} min, against the true due time`, ms(mins, 3), '≥ 0 ms (never early)', roundsVerdict(mins.map((m) => m >= 0))))
    if (perRound[0][name].wakesPerRun !== undefined && item === '2') {
      const arms = pick(perRound, (r) => r[name].wakesPerRun)
      rows.push(row(item, `${runtime}: ${name} timer arms + hops per run (no polling loop)`, spreadCell(arms, '', 2), '≤ 2 per run', roundsVerdict(arms.map((a) => a <= 2))))
    }
  }
}

await part('size', async () => {
  const sizes = await measureSizes()
  results.size = sizes.map(({ metafile, ...rest }) => rest)
  for (const s of sizes) {
    if (s.budget === undefined) rows.push(row('6', `size: ${s.name} (for comparison)`, `${kb(s.gzipBytes)} min+gzip`))
    else {
      const measured = s.missing ? `missing (${s.missing})` : `${kb(s.gzipBytes)} min+gzip (${kb(s.minBytes)} min)`
      rows.push(row('6', `size: ${s.name}`, measured, `≤ ${kb(s.budget)}`, sizeVerdict(s)))
    }
  }
})

await part('lateness', async () => {
  results.lateness = { node: await latenessOnNode(config.rounds, config.latenessRuns) }
  // Node alone first (nothing else running), then the other runtimes side by side to keep the suite short.
  const [deno, bun, chromium] = await Promise.all([
    latenessOn('deno', config.rounds, config.latenessRuns),
    latenessOn('bun', config.rounds, config.latenessRuns),
    latenessInChromium(config.rounds, config.latenessRuns),
  ])
  Object.assign(results.lateness, { deno, bun, chromium })
  for (const [runtime, perRound] of Object.entries(results.lateness)) latenessRows(runtime, perRound)
  rows.push(row('1', 'croner: a 10 ms job', 'n/a: cron patterns have 1 s resolution (see the wall-clock jump row)'))
})

await part('scale', async () => {
  const file = await bundled('scale/child.mjs', 'scale')
  const kinds = ['tickwork', 'setTimeout', 'toad']
  // One child per contender per round, contenders alternating, so drift in the machine's load lands on all.
  const perRound = await inRounds(config.rounds, async () => {
    const round = {}
    for (const kind of kinds) round[kind] = await node(file, [kind, String(config.scaleTasks), String(config.scaleWindowMs)], { gc: true, timeoutMs: 180_000 })
    return round
  })
  results.scale = perRound
  const label = `${config.scaleTasks.toLocaleString('en')} tasks at 1 Hz, ${config.scaleWindowMs / 1000} s window`
  const names = { tickwork: 'tickwork', setTimeout: 'one setTimeout per task', toad: 'toad-scheduler (one setInterval per job)' }
  for (const kind of kinds) {
    const r = (fn) => pick(perRound, (round) => fn(round[kind]))
    rows.push(
      row(
        '3',
        `${label}: ${names[kind]}`,
        `CPU ${spreadCell(r((x) => x.cpuUsPerRun), ' µs/run')}, p99 ${ms(r((x) => x.lateness.p99))}, min ${ms(r((x) => x.lateness.min))}, heap ${spreadCell(r((x) => x.heapPerTaskBytes), ' B/task', 0)}, start ${ms(r((x) => x.startMs), 0)}, stop ${ms(r((x) => x.stopMs), 0)}`,
      ),
    )
  }
  const ratio = (fn) => pick(perRound, (round) => fn(round.tickwork) / fn(round.setTimeout))
  const cpu = ratio((x) => x.cpuUsPerRun)
  rows.push(row('3', `${label}: tickwork CPU per run ÷ raw`, spreadCell(cpu, '×'), '≤ 1.2×', roundsVerdict(cpu.map((x) => x <= 1.2))))
  const p99 = pick(perRound, (round) => round.tickwork.lateness.p99 - round.setTimeout.lateness.p99)
  rows.push(row('3', `${label}: tickwork p99 − raw p99 (same round)`, ms(p99), '≤ 0 ms', roundsVerdict(p99.map((x) => x <= 0))))
  const heap = pick(perRound, (round) => round.tickwork.heapPerTaskBytes)
  rows.push(row('3', `${label}: tickwork heap per idle task`, spreadCell(heap, ' B', 0), '≤ 300 B', roundsVerdict(heap.map((x) => x <= 300))))
  for (const [key, what] of [
    ['startMs', 'startAll() ÷ raw start'],
    ['stopMs', 'stopAll() ÷ raw stop'],
  ]) {
    const r = ratio((x) => x[key])
    rows.push(row('3', `${label}: tickwork ${what}`, spreadCell(r, '×'), '≤ 2×', roundsVerdict(r.map((x) => x <= 2))))
  }
})

await part('history', async () => {
  const file = await bundled('history/child.mjs', 'history')
  const perRound = await inRounds(config.rounds, () => node(file, [String(config.historyRuns), String(config.historyRuns / 10)], { gc: true }))
  results.history = perRound
  const growth = pick(perRound, (r) => r.growthBytes / 1024)
  const first = perRound[0]
  rows.push(
    row('4', `${first.runs.toLocaleString('en')} runs of one task, default history (${first.historyLength} kept): heap after GC, run ${first.mark.toLocaleString('en')} → ${first.runs.toLocaleString('en')}`, `${spreadCell(growth, ' KB', 0)} growth, ${spreadCell(pick(perRound, (r) => r.seconds), ' s', 1)}`, '≤ 1 MB', roundsVerdict(growth.map((g) => g <= 1024))),
  )
})

await part('timeline', async () => {
  const frames = await timelineFrames({ rounds: 3, seconds: quick ? 4 : 8 })
  results.timeline = frames
  if (frames.skipped) return void rows.push(row('18', 'devtools timeline in Chromium', `skipped: ${frames.skipped}`))
  const subject = `devtools timeline open, ${frames.tasks} tasks × ${frames.runsPerTask} runs at ${fmt(frames.eventsPerSecond, '', 0)} events/s: frame p95, median of ${frames.rounds.length}`
  rows.push(row('18', subject, `${fmt(frames.openP95, ' ms', 1)} (panel closed: ${fmt(frames.closedP95, ' ms', 1)})`, '≤ panel-closed p95 + 10 %', frames.openP95 <= frames.closedP95 * 1.1))
})

await part('jump', async () => {
  const file = await bundled('jump/child.mjs', 'jump')
  const perRound = await inRounds(config.rounds, () => node(file, [String(config.jumpWindowMs)]))
  results.jump = perRound
  const seconds = config.jumpWindowMs / 1000
  for (const name of Object.keys(perRound[0].runs)) rows.push(row('5', `wall clock set back 1 h: ${name}, runs in the next ${seconds} s`, spreadCell(pick(perRound, (r) => r.runs[name]), '', 0)))
  for (const name of ['tickwork fixed-delay', 'tickwork fixed-rate']) {
    const ratio = pick(perRound, (r) => r.runs[name] / r.runs['raw setTimeout loop'])
    rows.push(row('5', `wall clock set back 1 h: ${name} runs ÷ raw runs`, spreadCell(ratio, '×'), '0.9–1.1× (no freeze, no burst)', roundsVerdict(ratio.map((x) => x >= 0.9 && x <= 1.1))))
  }
})

await part('devtools', async () => {
  const production = await productionBundleCheck()
  const panel = await panelRounds({ rounds: config.rounds, tasks: config.panelTasks, closedSeconds: config.panelClosedSeconds, openSeconds: config.panelOpenSeconds })
  results.devtools = { production, panel }
  if (panel.skipped) rows.push(row('7', 'devtools panel in Chromium', `skipped: ${panel.skipped}`))
  else {
    const r = (phase, fn) => pick(panel.rounds, (round) => fn(round[phase]))
    const label = `devtools, ${panel.tasks.toLocaleString('en')} tasks at ${spreadCell(r('open', (p) => p.eventsPerSecond), '', 0)} events/s`
    for (const phase of ['closed', 'open']) {
      rows.push(
        row(
          '7',
          `${label}: panel ${phase} (${phase === 'closed' ? panel.closedSeconds : panel.openSeconds} s)`,
          `frames p50 ${ms(r(phase, (p) => p.frames.p50), 1)}, p95 ${ms(r(phase, (p) => p.frames.p95), 1)}, max ${ms(r(phase, (p) => p.frames.max), 1)}; main thread busy ${spreadCell(r(phase, (p) => (100 * p.cpu.analysis.busyMs) / p.cpu.analysis.totalMs), ' %', 1)}, ${spreadCell(r(phase, (p) => p.longTasks), '', 0)} long tasks`,
        ),
      )
    }
    // rAF timestamps jitter by 0.1 ms: a p95 within 0.5 ms of the closed page's is the same frame rate.
    const slack = 0.5
    const p95 = pick(panel.rounds, (round) => round.open.frames.p95 - round.closed.frames.p95)
    rows.push(row('7', `${label}: frame p95 open − closed (same page, same round)`, ms(p95, 1), `≤ +${slack} ms (rAF jitter)`, roundsVerdict(p95.map((x) => x <= slack))))
    rows.push(row('7', `${label}: panel open → first rows shown (one read of every task, once)`, ms(pick(panel.rounds, (round) => round.firstRowsMs), 0)))
    // The verdict divides by the profile's own busy samples: the sampler misses part of
    // Blink's work (TaskDuration is ~2-4x larger here), so this share errs high, never low.
    const share = r('open', (p) => (100 * p.cpu.analysis.panelSelfMs) / p.cpu.analysis.busyMs)
    const inclusive = r('open', (p) => (100 * p.cpu.analysis.panelInclusiveMs) / p.cpu.analysis.busyMs)
    const perSecond = r('open', (p) => p.cpu.analysis.panelSelfMs / panel.openSeconds)
    rows.push(
      row(
        '7',
        `${label}: panel self time ÷ main-thread busy time (CDP profile samples; with callees ${spreadCell(inclusive, ' %', 1)})`,
        `${spreadCell(share, ' %', 1)}; ${spreadCell(perSecond, ' ms', 1)} of panel code per second = ${spreadCell(r('open', (p) => (100 * p.cpu.analysis.panelSelfMs) / p.cpu.taskMs), ' %', 1)} of Performance TaskDuration`,
        '≤ 10 %',
        roundsVerdict(share.map((x) => x <= 10)),
      ),
    )
  }
  const clean = production.panelMarkersFound.length === 0
  rows.push(row('7', 'devtools: production bundle (esbuild, NODE_ENV=production) has no panel code', clean ? `none (${kb(production.bytes)} min)` : `panel strings found: ${production.panelMarkersFound.join(', ')}`, 'no panel code', clean))
})

// ------------------------------------------------------- drift, bookkeeping, leaks (cheap)
await part('drift', async () => {
  const drift = await node(await bundled('drift.mjs', 'drift'))
  results.drift = drift
  const r = drift.fixedRate
  rows.push(row('8', `fixed-rate drift after ${r.ticks} ticks at 1 ms (virtual, 0–0.5 ms injected lateness)`, `${fmt(Math.abs(r.driftMs), ' ms', 3)}, ${r.skipped} slots skipped`, '< 3 ms', Math.abs(r.driftMs) < 3))
})

await part('overhead', async () => {
  const o = await node(await bundled('overhead.mjs', 'overhead'), [String(config.overheadRuns)])
  results.overhead = o
  rows.push(row('8', `run bookkeeping, ${o.runs.toLocaleString('en')} runs on a virtual clock (CPU ns/run)`, `${fmt(o.tickworkNs, ' ns', 0)} (bare async loop ${fmt(o.bareNs, ' ns', 0)}, +${fmt(o.overheadNs, ' ns', 0)})`))
})

await part('leaks', async () => {
  const l = await node(await bundled('leaks.mjs', 'leaks'), [String(config.leakCycles)], { gc: true, timeoutMs: 300_000 })
  results.leaks = l
  rows.push(row('8', `leaks: listeners and timer entries left after ${l.cycles.toLocaleString('en')} sleep/abort cycles + runs`, `${l.listenersLeft} listeners, ${l.systemQueueEntries + l.virtualQueueEntries} entries`, '0', l.listenersLeft === 0 && l.systemQueueEntries === 0 && l.virtualQueueEntries === 0))
  rows.push(row('8', 'leaks: heap retained after GC', kb(l.retainedBytes), '< 1 MB', l.retainedBytes < 1024 * 1024))
})

await part('soak', async () => {
  // The reliability engineer's soak, when present and asked for (it is long).
  const soak = join(benchDir, 'soak.mjs')
  if (!existsSync(soak) || !args.includes('--soak')) return
  const { code, stdout } = await runText(process.execPath, [soak])
  const counts = /(\d+) passed, (\d+) failed/.exec(stdout)
  results.soak = { code, stdout }
  const headline = stdout.split('\n').find((line) => line.startsWith('soak:')) ?? 'no summary line'
  rows.push(row('soak', `bench/soak.mjs: ${headline.slice(0, 90)}`, counts ? `${counts[1]} passed, ${counts[2]} failed` : `exit ${code}`, 'all checks pass', code === 0 && counts !== null && counts[2] === '0'))
})

const order = ['1', '2', '3', '4', '5', '6', '7', '8', 'soak']
rows.sort((a, b) => order.indexOf(a.item) - order.indexOf(b.item))
results.rows = rows
results.loadAfter = loadavg()
results.finishedAt = new Date().toISOString()
writeFileSync(join(benchDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
const load = (l) => l.map((x) => x.toFixed(2)).join(' ')
console.log(`tickwork bench, Node ${process.version}, ${config.rounds} rounds${quick ? ' (--quick)' : ''}; figures are median (min–max) over the rounds; load average ${load(results.loadBefore)} before, ${load(results.loadAfter)} after\n`)
console.log(renderTable(rows))
const count = (test) => rows.filter((r) => test(r.verdict)).length
const failed = count((v) => v.startsWith('FAIL') || v === 'ERROR')
console.log(
  `\ntargets: ${count((v) => v === 'PASS')} PASS, ${count((v) => v.startsWith('NOISY'))} NOISY (rounds disagree: the machine's noise decides), ${failed} FAIL/ERROR. Full figures: bench/results.json`,
)
process.exit(args.includes('--strict') && failed > 0 ? 1 : 0)
