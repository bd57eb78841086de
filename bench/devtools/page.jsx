// Item 7, in the page: 1,000 tasks producing 100 run events per second with
// the devtools panel open; frame intervals (requestAnimationFrame), long
// tasks (PerformanceObserver) and JS heap (performance.memory). A first phase
// without the panel is the baseline the same page reaches on this machine.
import { createTask, TaskRegistry } from '@tickwork/core'
// The production entry: the panel renders whichever React build the page uses.
import { TickworkDevtools, TickworkDevtoolsPanel } from '@tickwork/devtools/production'
import { createRoot } from 'react-dom/client'
import { summarize } from '../lib/stats.mjs'

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve))

/** Records frame intervals and long tasks for `ms`. */
async function observe(ms) {
  const frames = []
  const longTasks = []
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration)
  })
  try {
    observer.observe({ type: 'longtask', buffered: false })
  } catch {
    // No Long Tasks API: reported as 0 long tasks.
  }
  let last = await nextFrame()
  const end = last + ms
  while (last < end) {
    const now = await nextFrame()
    // rAF timestamps have 0.1 ms resolution here: rounding drops the float noise of the subtraction (16.700000000000728).
    frames.push(Math.round((now - last) * 10) / 10)
    last = now
  }
  observer.disconnect()
  // A frame over 1.5 intervals of 60 Hz means at least one missed paint.
  const missed = frames.filter((ms) => ms > 25).length
  return { frames: summarize(frames), missedFrames: missed, longTasks: longTasks.length, longTaskMs: longTasks.reduce((a, b) => a + b, 0) }
}

/** A Storage holding the panel's saved UI state, so a run can start sorted or filtered. */
function savedQuery(query) {
  const data = { 'tickwork-devtools': JSON.stringify({ query }) }
  return { getItem: (key) => data[key] ?? null, setItem: (key, value) => void (data[key] = value) }
}

/**
 * `query`: the list's filter and sort (e.g. `{ sort: 'nextRun' }`, which
 * re-sorts on every run); `floating`: the docked panel instead of the embedded one.
 */
export async function run({ tasks = 1000, eventsPerSecond = 100, seconds = 10, baselineSeconds = 3, query, floating = false }) {
  const registry = new TaskRegistry()
  // Each task runs every tasks/eventsPerSecond seconds, starts spread evenly: 100 runs per second in all.
  const interval = (tasks / eventsPerSecond) * 1000
  for (let i = 0; i < tasks; i++) {
    createTask({ name: `task-${String(i).padStart(4, '0')}`, interval, initialDelay: (i * interval) / tasks, registry, run: () => ({ message: 'ok', extra: { i } }) })
  }
  let events = 0
  registry.subscribe((event) => {
    if (event.type === 'runFinished') events++
  })
  registry.startAll()
  const baseline = await observe(baselineSeconds * 1000)

  const host = document.createElement('div')
  host.style.cssText = 'position:fixed;inset:0;height:100vh'
  document.body.append(host)
  const root = createRoot(host)
  const environment = query === undefined ? undefined : { storage: savedQuery(query) }
  root.render(floating ? <TickworkDevtools registry={registry} initialIsOpen environment={environment} /> : <TickworkDevtoolsPanel registry={registry} environment={environment} />)
  await nextFrame()
  await nextFrame()
  const heapBefore = performance.memory?.usedJSHeapSize
  const eventsBefore = events
  const panel = await observe(seconds * 1000)
  const heapAfter = performance.memory?.usedJSHeapSize
  const shownRows = host.querySelector('[data-tickwork-devtools]')?.shadowRoot?.querySelectorAll('[role="option"]').length ?? 0
  root.unmount()
  await registry.stopAll()
  return {
    tasks,
    seconds,
    eventsPerSecond: (events - eventsBefore) / seconds,
    baseline,
    panel,
    heapMB: heapAfter === undefined ? null : heapAfter / 1048576,
    heapGrowthMB: heapAfter === undefined ? null : (heapAfter - heapBefore) / 1048576,
    shownRows,
    scenario: { floating, query: query ?? null },
  }
}
