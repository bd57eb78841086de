import { useCallback, useEffect, useRef, useState } from 'react'
import { loadUiState, saveUiState, type UiState, type UiStorage } from '../store/ui-state.ts'

/**
 * UI state that survives reloads. It is read once, after mount (storage is a
 * client-only thing), and saved on every change.
 */
export function usePersistedUi(storage: UiStorage | undefined, initial: UiState): [UiState, (change: Partial<UiState>) => void] {
  const [state, setState] = useState<UiState>(initial)
  const loaded = useRef(false)

  useEffect(() => {
    if (loaded.current) return
    loaded.current = true
    setState((current) => loadUiState(storage, current))
  }, [storage])

  const update = useCallback(
    (change: Partial<UiState>) => {
      setState((current) => {
        const next = { ...current, ...change }
        saveUiState(storage, next)
        return next
      })
    },
    [storage],
  )
  return [state, update]
}
