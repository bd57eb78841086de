/**
 * The Web Worker side: tickwork runs the background jobs off the main thread
 * and posts a summary after every run. The page can ask it to run a task now
 * or to stop everything.
 */
import { createTask, getDefaultRegistry } from '@tickwork/core'

type Command = { type: 'trigger'; name: string } | { type: 'stop' }

const registry = getDefaultRegistry()
let synced = 0

createTask({ name: 'sync-inbox', level: 'high', interval: 50, run: () => `synced ${++synced}` })
const cache = new Map<string, number>()
createTask({ name: 'warm-cache', level: 'low', interval: 100, run: () => void cache.set('inbox-count', synced) })

const post = (): void => postMessage({ type: 'summary', summary: registry.summary() })
registry.subscribe((event) => {
  if (event.type === 'runFinished' || event.type === 'stateChanged') post()
})

addEventListener('message', (event: MessageEvent<Command>) => {
  const command = event.data
  if (command.type === 'trigger') registry.get(command.name)?.trigger()
  if (command.type === 'stop') void registry.stopAll().then((settled) => postMessage({ type: 'stopped', settled, summary: registry.summary() }))
})

registry.startAll()
