import { connectRegistry, type RemoteRegistrySource } from '@tickwork/devtools'

let sources: RemoteRegistrySource[] | undefined

/**
 * Starts the demo worker once per page (StrictMode mounts twice, and a second
 * worker would be a second set of tasks) and connects the panel to it. Empty
 * where Web Workers are missing. Loaded with the panel, so only in development.
 */
export function demoWorkerSources(): RemoteRegistrySource[] {
  if (sources !== undefined) return sources
  if (typeof Worker !== 'function') return (sources = [])
  const worker = new Worker(new URL('./demo-worker.ts', import.meta.url), { type: 'module', name: 'tickwork demo worker' })
  sources = [connectRegistry(worker, { label: 'worker "demo"' })]
  return sources
}
