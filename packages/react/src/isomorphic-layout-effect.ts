import { useEffect, useLayoutEffect } from 'react'

/**
 * `useLayoutEffect` where there is a DOM, `useEffect` elsewhere. Server
 * rendering runs neither, but React 18 warns for every `useLayoutEffect` it
 * meets there; the refs this syncs are only read by effects and by runs,
 * which start after mount, so the later timing on the server changes nothing.
 * Looked up per call, not at import, so a DOM installed after import (a test
 * environment) is seen; it cannot change between two renders of one tree,
 * so the hook order stays stable.
 */
export function useIsomorphicLayoutEffect(effect: () => void | (() => void)): void {
  const hasDom = typeof document !== 'undefined' && typeof document.createElement === 'function'
  const useChosenEffect = hasDom ? useLayoutEffect : useEffect
  useChosenEffect(effect)
}
