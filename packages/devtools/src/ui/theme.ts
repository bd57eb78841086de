import { useSyncExternalStore } from 'react'

/** The panel's colour theme; `system` follows `prefers-color-scheme`. */
export type DevtoolsTheme = 'light' | 'dark' | 'system'

const QUERY = '(prefers-color-scheme: dark)'

function media(): MediaQueryList | undefined {
  return typeof globalThis.matchMedia === 'function' ? globalThis.matchMedia(QUERY) : undefined
}

function subscribe(listener: () => void): () => void {
  const list = media()
  list?.addEventListener?.('change', listener)
  return () => list?.removeEventListener?.('change', listener)
}

const snapshot = (): boolean => media()?.matches ?? false
const serverSnapshot = (): boolean => false

/** Resolves `system` to the OS preference, live. */
export function useResolvedTheme(theme: DevtoolsTheme): 'light' | 'dark' {
  const prefersDark = useSyncExternalStore(subscribe, snapshot, serverSnapshot)
  if (theme === 'system') return prefersDark ? 'dark' : 'light'
  return theme
}
