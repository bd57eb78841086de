import { useSyncExternalStore } from 'react'

const subscribe = (): (() => void) => () => {}

/** False during server rendering and hydration, true on the client after: the panel is client-only. */
export function useIsClient(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  )
}
