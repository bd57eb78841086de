// Item 4: the bookkeeping of one run (context, summary, stats, history,
// events to a registry listener, the next heap entry), in ns, against a bare
// async loop calling the same function. 10^6 runs on a lean virtual clock:
// no real waiting, so only tickwork's own work is counted.
import { createTask, TaskRegistry } from '@tickwork/core'
import { leanClock } from './lib/clocks.mjs'

// CPU time, not wall time: on a shared machine the process is often waiting
// for a core, and that wait is nobody's overhead.
const cpuNs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) * 1000
}

/** ns per run of a tickwork task whose run is `async () => {}`. */
export async function tickworkNsPerRun(runs) {
  const clock = leanClock()
  const registry = new TaskRegistry({ clock })
  let events = 0
  registry.subscribe(() => events++)
  let done = 0
  const task = createTask({ name: 'overhead', interval: 1, registry, run: async () => void done++ })
  task.start()
  const started = cpuNs()
  // A run settles in a promise turn; let it, then fire the next wake-up.
  while (done < runs) if (!clock.fireNext()) await null
  const ns = (cpuNs() - started) / runs
  await task.stop()
  return { ns, events }
}

/** ns per iteration of `for (…) await run(ctx)`: the floor any async scheduler pays. */
export async function bareAsyncNsPerRun(runs) {
  let done = 0
  const run = async () => void done++
  const ctx = { name: 'bare' }
  const started = cpuNs()
  for (let i = 0; i < runs; i++) await run(ctx)
  return { ns: (cpuNs() - started) / runs, done }
}

export async function overheadBench(runs = 1_000_000) {
  // Warm both up so neither pays for JIT compilation inside the measurement.
  await tickworkNsPerRun(20_000)
  await bareAsyncNsPerRun(20_000)
  const tickwork = await tickworkNsPerRun(runs)
  const bare = await bareAsyncNsPerRun(runs)
  return { runs, tickworkNs: tickwork.ns, bareNs: bare.ns, overheadNs: tickwork.ns - bare.ns, eventsPerRun: tickwork.events / runs }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await overheadBench(Number(process.argv[2] ?? 1_000_000))))
