/**
 * The page side: starts the worker and shows each task's state and run count.
 * Open index.html after `node examples/build.mjs web-worker` (serve the folder).
 */
import type { RegistrySummary } from '@tickwork/core'

type Message = { type: 'summary'; summary: RegistrySummary } | { type: 'stopped'; settled: boolean; summary: RegistrySummary }

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })
const list = document.querySelector('#tasks') as HTMLElement
// Run indexes of manual runs seen per task: each summary arrives right after a run, as its lastSummary.
const manualRuns = new Map<string, Set<number>>()

worker.addEventListener('message', (event: MessageEvent<Message>) => {
  const { summary } = event.data
  list.replaceChildren(
    ...summary.tasks.map((task) => {
      const last = task.lastSummary
      if (last?.trigger === 'manual') manualRuns.set(task.name, (manualRuns.get(task.name) ?? new Set()).add(last.runIndex))
      const item = document.createElement('li')
      item.dataset['task'] = task.name
      item.dataset['state'] = task.state
      item.dataset['runs'] = String(task.totalRuns)
      item.dataset['manualRuns'] = String(manualRuns.get(task.name)?.size ?? 0)
      item.textContent = `${task.name}: ${task.state}, ${task.totalRuns} runs, last: ${task.lastSummary?.message ?? '—'}`
      return item
    }),
  )
  if (event.data.type === 'stopped') document.body.dataset['stopped'] = String(event.data.settled)
})

document.querySelector('#run-now')?.addEventListener('click', () => worker.postMessage({ type: 'trigger', name: 'sync-inbox' }))
document.querySelector('#stop')?.addEventListener('click', () => worker.postMessage({ type: 'stop' }))
