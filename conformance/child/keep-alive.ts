/**
 * Child process for keep-alive (Node, Deno, Bun); it must exit by itself.
 * `mixed`: a keep-alive task with maxRuns: 5 holds the process while a
 * `keepAlive: false` task runs beside it; once the first completes, nothing
 * holds the process any more. `background`: only `keepAlive: false` tasks.
 * `background-shutdown`: the same with `installShutdown()`, whose signal
 * listeners must not hold the process either.
 * Usage: <runtime> child-keep-alive.js mixed|background|background-shutdown
 */
import process from 'node:process'
import { createTask, TaskRegistry } from '@tickwork/core'
import { installShutdown } from '@tickwork/core/shutdown'

const mode = process.argv[2]
const registry = new TaskRegistry()
createTask({ name: 'background', interval: 5, keepAlive: false, registry, run: ({ runIndex }) => console.log(`background ${runIndex}`) })
if (mode === 'mixed') {
  createTask({ name: 'foreground', interval: 10, maxRuns: 5, registry, run: ({ runIndex }) => console.log(`foreground ${runIndex}`) })
}
registry.startAll()
if (mode === 'background-shutdown') installShutdown(registry, { hooks: [() => console.log('unexpected shutdown')] })
console.log('started')
