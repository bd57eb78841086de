// The demo's Web Worker: background work off the main thread, with its own
// registry, shown and controlled in the devtools panel through the bridge.
import { createTask, TaskRegistry } from '@tickwork/core'
import { exposeRegistry } from '@tickwork/core/bridge'

const registry = new TaskRegistry()

/** CPU-bound work the page should not do: count the primes below a bound. */
function countPrimes(below: number): number {
  const composite = new Uint8Array(below)
  let count = 0
  for (let n = 2; n < below; n++) {
    if (composite[n] === 1) continue
    count++
    for (let multiple = n * n; multiple < below; multiple += n) composite[multiple] = 1
  }
  return count
}

createTask({
  name: 'worker: prime sieve',
  interval: 3000,
  level: 'low',
  registry,
  run: ({ runIndex }) => {
    const bound = 200_000 + (runIndex % 5) * 100_000
    return { message: `${countPrimes(bound)} primes below ${bound}`, extra: { bound } }
  },
}).start()

createTask({
  name: 'worker: heartbeat',
  interval: 1000,
  level: 'high',
  registry,
  run: () => ({ message: 'worker alive', extra: { at: new Date().toISOString() } }),
}).start()

createTask({
  name: 'worker: compact',
  interval: 10_000,
  registry,
  // Left stopped: start it, or run it once, from the panel.
  run: () => ({ message: 'compacted', extra: { freed: Math.round(Math.random() * 1000) } }),
})

// One runner across tabs: open the demo in two tabs and only one tab's worker
// runs it (Web Locks work in workers too); close that tab and the other takes
// over within an interval. The panel's runner badge says which.
createTask({
  name: 'worker: daily digest',
  interval: 5000,
  exclusive: 'tabs',
  registry,
  run: () => ({ message: 'digest sent once for all tabs', extra: { at: new Date().toISOString() } }),
}).start()

exposeRegistry(registry, self, { name: 'demo worker' })
