// Item 7, in the page: N tasks producing 100 run events per second; frame
// intervals (requestAnimationFrame), long tasks (PerformanceObserver) and JS
// heap (performance.memory), first with the panel closed (the baseline this
// page reaches on this machine), then with it open. Driven step by step from
// Node (chromium.mjs), so the CPU profiler can be started around each phase.
import { createTask, TaskRegistry } from '@tickwork/core'
// The production entry: the panel renders whichever React build the page uses.
import { TickworkDevtools, TickworkDevtoolsPanel } from '@tickwork/devtools/production'
import { createRoot } from 'react-dom/client'
import { summarize } from '../lib/stats.mjs'

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve))

/** Records frame intervals and long tasks for `ms`. */
export async function observe(ms) {
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
  const eventsBefore = page.events
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
  return {
    frames: summarize(frames),
    missedFrames: missed,
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
    eventsPerSecond: (page.events - eventsBefore) / (ms / 1000),
    heapMB: performance.memory === undefined ? null : performance.memory.usedJSHeapSize / 1048576,
  }
}

/** A Storage holding the panel's saved UI state, so a run can start sorted or filtered. */
function savedQuery(query) {
  const data = { 'tickwork-devtools': JSON.stringify({ query }) }
  return { getItem: (key) => data[key] ?? null, setItem: (key, value) => void (data[key] = value) }
}

const page = { registry: undefined, root: undefined, host: undefined, events: 0 }

/** Makes `tasks` tasks whose runs add up to `eventsPerSecond`, starts spread evenly, and starts them all. */
export function setup({ tasks = 10_000, eventsPerSecond = 100 } = {}) {
  const registry = new TaskRegistry()
  const interval = (tasks / eventsPerSecond) * 1000
  for (let i = 0; i < tasks; i++) {
    createTask({ name: `task-${String(i).padStart(5, '0')}`, interval, initialDelay: (i * interval) / tasks, registry, run: () => ({ message: 'ok', extra: { i } }) })
  }
  // The page's own count of runs: a cheap listener, there with the panel closed too.
  registry.subscribe((event) => {
    if (event.type === 'runFinished') page.events++
  })
  registry.startAll()
  page.registry = registry
  return { tasks }
}

/**
 * Opens the panel. `query`: the list's filter and sort (e.g. `{ sort: 'nextRun' }`,
 * which re-sorts on every run); `floating`: the docked panel instead of the embedded one.
 */
export async function openPanel({ query, floating = false } = {}) {
  const host = document.createElement('div')
  host.style.cssText = 'position:fixed;inset:0;height:100vh'
  document.body.append(host)
  const root = createRoot(host)
  const environment = query === undefined ? undefined : { storage: savedQuery(query) }
  root.render(floating ? <TickworkDevtools registry={page.registry} initialIsOpen environment={environment} /> : <TickworkDevtoolsPanel registry={page.registry} environment={environment} />)
  Object.assign(page, { host, root })
  // The first read of every task is a one-time cost (measured here as the time to the first rows), not a frame's.
  const opened = performance.now()
  const rows = () => host.querySelector('[data-tickwork-devtools]')?.shadowRoot?.querySelectorAll('[role="option"]').length ?? 0
  while (rows() === 0 && performance.now() - opened < 10_000) await nextFrame()
  return { shownRows: rows(), firstRowsMs: performance.now() - opened }
}

export async function teardown() {
  page.root?.unmount()
  await page.registry?.stopAll()
}
