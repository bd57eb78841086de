// Where the panel's time goes: runs the frame benchmark under the CPU
// profiler (CDP `Profiler`) and prints the functions with the most self time.
//   node bench/devtools/profile.mjs [seconds] [production|development] [out.cpuprofile] [scenario JSON]
import { writeFileSync } from 'node:fs'
import { panelFrames } from './chromium.mjs'

const [seconds = '6', react = 'production', out, scenario = '{}'] = process.argv.slice(2)
let profile
const result = await panelFrames({
  seconds: Number(seconds),
  react,
  scenario: JSON.parse(scenario),
  async profile(page) {
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
    return async () => {
      profile = (await cdp.send('Profiler.stop')).profile
    }
  },
})
if (out !== undefined) writeFileSync(out, JSON.stringify(profile))
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const self = new Map()
const deltas = profile.timeDeltas
profile.samples.forEach((id, index) => {
  const { callFrame } = byId.get(id)
  const key = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').pop()}:${callFrame.lineNumber + 1}`
  self.set(key, (self.get(key) ?? 0) + (deltas[index] ?? 0) / 1000)
})
const total = [...self.values()].reduce((a, b) => a + b, 0)
console.log(`frames p50 ${result.panel.frames.p50.toFixed(1)} p95 ${result.panel.frames.p95.toFixed(1)} ms, ${result.panel.longTasks} long tasks, profile ${total.toFixed(0)} ms`)
for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${key}`)
