/**
 * Child process for "no timer left after stopAll()" (Node, Deno, Bun): starts
 * keep-alive tasks (one sleeping on its signal), stops them all after a few
 * runs, and must then exit by itself.
 * Usage: <runtime> child-stop-all.js
 */
import { createTask, sleep, TaskRegistry } from '@tickwork/core'

const registry = new TaskRegistry()
let ticks = 0
createTask({
  name: 'ticker',
  interval: 5,
  registry,
  run: () => {
    if (++ticks === 3) void registry.stopAll().then((settled) => console.log(`stopped ${settled}`))
  },
})
createTask({ name: 'sleeper', level: 'low', interval: 5, registry, run: async ({ signal }) => void (await sleep(60_000, signal)) })
createTask({ name: 'slow', level: 'high', interval: 60_000, initialDelay: 60_000, registry, run: () => {} })
registry.startAll()
