import { createTask, TaskRegistry } from '@tickwork/core'
const N = 100000
const registry = new TaskRegistry()
const run = () => {}
for (let i = 0; i < N; i++) createTask({ name: 't' + i, interval: 1000, initialDelay: 500 + i / 100, registry, run })
for (let r = 0; r < 3; r++) {
  let t = performance.now(); registry.startAll(); const s = performance.now() - t
  t = performance.now(); await registry.stopAll(); const p = performance.now() - t
  console.log('start', s.toFixed(1), 'stop', p.toFixed(1))
}
