/**
 * Child process for the SIGTERM test (Node, Deno, Bun). A low-level task
 * writes a record in two parts with a slow, uninterruptible wait between
 * them; graceful shutdown must let it finish before the flush hooks write the
 * final state and the process exits 0. Prints `ready` while a write is in flight.
 * Usage: <runtime> child-shutdown.js <out dir>
 */
import { appendFileSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { createTask, sleep, TaskRegistry } from '@tickwork/core'
import { installShutdown } from '@tickwork/core/shutdown'

const dir = process.argv[2]
if (dir === undefined) throw new Error('usage: child-shutdown.js <out dir>')
const registry = new TaskRegistry()
let written = 0

createTask({
  name: 'writer',
  level: 'low',
  interval: 5,
  registry,
  run: async ({ runIndex }) => {
    appendFileSync(`${dir}/runs.log`, `begin ${runIndex}\n`)
    if (runIndex === 1) console.log('ready')
    // Deliberately ignores the abort signal: a write that must not be cut in half.
    await new Promise((resolve) => setTimeout(resolve, 150))
    appendFileSync(`${dir}/runs.log`, `end ${runIndex}\n`)
    written++
  },
})
createTask({ name: 'heartbeat', level: 'critical', interval: 10, registry, run: () => {} })
createTask({ name: 'poller', level: 'medium', interval: 20, registry, run: async ({ signal }) => void (await sleep(10_000, signal)) })
registry.startAll()

installShutdown(registry, {
  hooks: [
    ({ reason }) => writeFileSync(`${dir}/state.json`, JSON.stringify({ reason, written, states: registry.list().map((task) => task.state) })),
    async () => {
      await sleep(5)
      appendFileSync(`${dir}/hooks.log`, 'second hook ran\n')
    },
  ],
})
