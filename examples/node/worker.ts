/**
 * A Node background worker: drains a job queue every 200 ms, reports metrics
 * without keeping the process alive, and on SIGTERM/SIGINT lets the batch in
 * flight finish, saves its checkpoint and exits 0.
 *
 * Run: node examples/build.mjs node && node artifacts/examples/node.js [checkpoint.json]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { createTask, getDefaultRegistry } from '@tickwork/core'
import { installShutdown } from '@tickwork/core/shutdown'

const checkpointFile = process.argv[2] ?? 'checkpoint.json'
const checkpoint: { processed: number } = existsSync(checkpointFile) ? JSON.parse(readFileSync(checkpointFile, 'utf8')) : { processed: 0 }

createTask({
  name: 'drain-queue',
  level: 'high',
  interval: 200,
  timeout: 5_000,
  run: async ({ signal }) => {
    // Stand-in for real work that honours the abort signal (fetch(url, { signal }), a DB query…).
    await new Promise((resolve) => setTimeout(resolve, 20))
    if (signal.aborted) return { success: false, message: 'aborted' }
    checkpoint.processed++
    console.log(`processed ${checkpoint.processed}`)
    return { message: `processed ${checkpoint.processed}` }
  },
})

createTask({
  name: 'report-metrics',
  level: 'low',
  interval: 1_000,
  keepAlive: false, // metrics alone never keep the worker running
  run: () => {
    const { runningCount, totalCount } = getDefaultRegistry().summary()
    console.log(`metrics: ${runningCount}/${totalCount} tasks running, ${checkpoint.processed} jobs processed`)
  },
})

getDefaultRegistry().startAll()
installShutdown(undefined, {
  timeout: 10_000,
  hooks: [() => writeFileSync(checkpointFile, JSON.stringify(checkpoint))],
})
console.log(`worker started (checkpoint: ${checkpointFile})`)
