import { connectRegistry, type RemoteRegistrySource } from '@tickwork/devtools'

let connected: RemoteRegistrySource | undefined

/**
 * Starts the demo worker once per page (StrictMode mounts twice; a second
 * worker would be a second set of tasks) and connects the panel to it.
 * Undefined where Web Workers are missing (server rendering, old runtimes).
 */
export function connectDemoWorker(): RemoteRegistrySource | undefined {
  if (connected !== undefined) return connected
  if (typeof Worker !== 'function') return undefined
  const worker = new Worker(new URL('./demo-worker.ts', import.meta.url), { type: 'module', name: 'tickwork demo worker' })
  connected = connectRegistry(worker, { label: 'worker "demo"' })
  return connected
}
