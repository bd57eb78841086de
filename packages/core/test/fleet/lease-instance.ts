// One instance of a fleet running the same exclusive task, whatever the
// engine: a 100 ms run every 50 ms on whichever instance holds the lease.
// Prints `ready task`, `start <pid> <fence> <t>` at each run's start and
// `aborted <pid> <reason name>` when a run's signal aborts (t: epoch ms; one
// machine, one wall clock). Each finished run is handed to `record`, the run's
// own write to the engine (it waits while the engine is away, as real work
// would). stdin `status` prints the runner status. SIGTERM stops the task,
// which releases the lease, and exits.
import { createInterface } from 'node:readline'
import { createTask } from '../../src/create-task.ts'
import type { Lease } from '../../src/lease.ts'
import type { RunnerStatus } from '../../src/plugin.ts'
import { TaskRegistry } from '../../src/task-registry.ts'
import { sleep } from '../../src/sleep.ts'

/** One finished run, as the instances record it in the engine. */
export interface RunRecord {
  pid: number
  fence: number | undefined
  start: number
  /** When it ended, or when its signal aborted. */
  end: number
  /** The abort reason's name (`LeaseLostError`), or null for a run that finished. */
  aborted: string | null
}

export const RUN_MS = 100
export const TASK_INTERVAL_MS = 50

type Run = (ctx: { signal: AbortSignal; fence?: number | undefined }) => Promise<void>

/** The same exclusive task, run by the kernel's `exclusive` plugin. */
function asTask(lease: Lease, run: Run): { stop(): Promise<void>; runner(): RunnerStatus | undefined } {
  // The default plugins include `exclusive`.
  const registry = new TaskRegistry()
  const task = createTask({ name: 'fleet-job', interval: TASK_INTERVAL_MS, registry, exclusive: lease, run })
  task.start()
  return { stop: () => task.stop().then(() => {}), runner: () => (task.status() as { runner?: RunnerStatus }).runner }
}

/** Runs the instance until SIGTERM. `record` writes a finished run to the engine; `close` ends the client. */
export function leaseInstance(lease: Lease, record: (run: RunRecord) => Promise<void>, close: () => Promise<void>): void {
  const { pid } = process
  const run: Run = async (ctx) => {
    const start = Date.now()
    let abortedAt: number | undefined
    ctx.signal.addEventListener('abort', () => {
      abortedAt = Date.now()
      console.log(`aborted ${pid} ${(ctx.signal.reason as Error | undefined)?.name}`)
    })
    console.log(`start ${pid} ${ctx.fence} ${start}`)
    await sleep(RUN_MS, ctx.signal)
    const end = abortedAt ?? Date.now()
    await record({ pid, fence: ctx.fence, start, end, aborted: ctx.signal.aborted ? (ctx.signal.reason as Error).name : null })
  }
  const instance = asTask(lease, run)
  console.log('ready task')
  process.once('SIGTERM', () => {
    void instance.stop().then(async () => {
      console.log('stopped')
      await close()
      process.exit(0)
    })
  })
  void (async () => {
    for await (const line of createInterface({ input: process.stdin })) {
      if (line === 'status') console.log(`status ${JSON.stringify(instance.runner())}`)
    }
  })()
}
