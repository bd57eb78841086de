// The timeline bench, in the page: 1,000 tasks with 50 runs each in their
// history, then 100 run events per second; frame intervals first with the
// panel closed (the baseline), then with the panel open on its Timeline tab.
import { createTask, TaskRegistry } from '@tickwork/core'
import { TickworkDevtoolsPanel } from '@tickwork/devtools/production'
import { createRoot } from 'react-dom/client'
import { summarize } from '../lib/stats.mjs'

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve))
const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0))

/** Frame intervals (requestAnimationFrame) over `ms`. */
async function frameIntervals(ms) {
  const intervals = []
  let last = await nextFrame()
  const end = last + ms
  while (last < end) {
    const now = await nextFrame()
    intervals.push(Math.round((now - last) * 10) / 10)
    last = now
  }
  return summarize(intervals)
}

/** Fills every task's history: `runs` manual runs each, as fast as they go. */
async function warmUp(tasks, runs) {
  for (let k = 1; k <= runs; k++) {
    for (const task of tasks) task.trigger()
    while (tasks.some((task) => task.status().totalRuns < k)) await macrotask()
  }
}

/** Shadow root of the panel, once it has rendered `selector`. */
async function panelElement(host, selector) {
  for (let frame = 0; frame < 600; frame++) {
    const found = host.querySelector('[data-tickwork-devtools]')?.shadowRoot?.querySelector(selector)
    if (found) return found
    await nextFrame()
  }
  throw new Error(`the panel never showed ${selector}`)
}

export async function run({ tasks: count = 1000, runs = 50, eventsPerSecond = 100, seconds = 8 }) {
  const registry = new TaskRegistry()
  const interval = (count / eventsPerSecond) * 1000
  const tasks = []
  for (let i = 0; i < count; i++) {
    tasks.push(
      createTask({
        name: `task-${String(i).padStart(4, '0')}`,
        interval,
        initialDelay: (i * interval) / count,
        historySize: runs,
        registry,
        run: ({ runIndex }) => ((i + runIndex) % 9 === 0 ? { success: false, message: 'miss' } : 'ok'),
      }),
    )
  }
  await warmUp(tasks, runs)
  let events = 0
  registry.subscribe((event) => {
    if (event.type === 'runFinished') events++
  })
  registry.startAll()
  const closed = await frameIntervals(seconds * 1000)

  const host = document.createElement('div')
  host.style.cssText = 'position:fixed;inset:0;height:100vh'
  document.body.append(host)
  const root = createRoot(host)
  root.render(<TickworkDevtoolsPanel registry={registry} environment={{ storage: null }} />)
  ;(await panelElement(host, '#tw-view-tab-timeline')).click()
  await panelElement(host, '.tl-lane')
  const eventsBefore = events
  const open = await frameIntervals(seconds * 1000)
  const lanes = host.querySelector('[data-tickwork-devtools]').shadowRoot.querySelectorAll('.tl-lane').length
  const bars = host.querySelector('[data-tickwork-devtools]').shadowRoot.querySelectorAll('rect.tl-bar').length
  root.unmount()
  await registry.stopAll()
  return { tasks: count, runsPerTask: runs, seconds, eventsPerSecond: (events - eventsBefore) / seconds, closed, open, lanes, bars }
}
