// Where the panel's time goes: one round of the panel benchmark (closed, then
// open) under the CPU profiler; prints the busy time of each phase, the
// panel's share, and the modules and functions with the most self time.
//   node bench/devtools/profile.mjs [tasks] [openSeconds] [out.cpuprofile] ['{"query":{"sort":"nextRun"}}']
import { writeFileSync } from 'node:fs'
import { panelRounds } from './chromium.mjs'

const [tasks = '10000', seconds = '5', out, scenario = '{}'] = process.argv.slice(2)
const result = await panelRounds({ rounds: 1, tasks: Number(tasks), openSeconds: Number(seconds), scenario: JSON.parse(scenario), keepProfiles: true, samplingUs: 200 })
if (result.skipped) {
  console.log(`skipped: ${result.skipped}`)
  process.exit(0)
}
const [round] = result.rounds
if (out !== undefined) writeFileSync(out, JSON.stringify(round.open.cpu.profile))
const pct = (part, whole) => `${((100 * part) / whole).toFixed(1)} %`
for (const phase of ['closed', 'open']) {
  const { frames, cpu, eventsPerSecond } = round[phase]
  const a = cpu.analysis
  console.log(`\n== panel ${phase}: ${result.tasks} tasks, ${eventsPerSecond.toFixed(0)} events/s, frames p50 ${frames.p50} p95 ${frames.p95} max ${frames.max} ms`)
  console.log(`profile ${a.totalMs.toFixed(0)} ms: busy ${a.busyMs.toFixed(0)} ms (Performance TaskDuration ${cpu.taskMs.toFixed(0)} ms), GC ${a.gcMs.toFixed(0)} ms, (program) ${a.programMs.toFixed(0)} ms`)
  console.log(`panel self ${a.panelSelfMs.toFixed(1)} ms = ${pct(a.panelSelfMs, a.busyMs)} of busy; panel on the stack ${a.panelInclusiveMs.toFixed(1)} ms = ${pct(a.panelInclusiveMs, a.busyMs)}`)
  console.log('modules by self time:')
  for (const { key, ms } of a.topModules.slice(0, 12)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${pct(ms, a.busyMs).padStart(7)}  ${key}`)
  console.log('functions by self time:')
  for (const { key, ms } of a.topFunctions.slice(0, 20)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${pct(ms, a.busyMs).padStart(7)}  ${key}`)
}
