import { useSyncExternalStore } from 'react'
import { useEnvironment } from '../ui/environment.tsx'
import { useSourceState, useSourceStore } from '../ui/source-context.tsx'

const serverSnapshot = (): number => 0
const noSubscribe = (): (() => void) => () => {}

/**
 * The source's "now" (epoch ms), re-read on the panel's shared ticker so ages
 * and countdowns move; frozen while live updates are paused.
 */
export function useNow(): number {
  const { ticker } = useEnvironment()
  const { source } = useSourceStore()
  const paused = useSourceState((state) => state.paused)
  useSyncExternalStore(paused ? noSubscribe : ticker.subscribe, ticker.getSnapshot, serverSnapshot)
  return source.now?.() ?? Date.now()
}
