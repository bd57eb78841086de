import type { TaskView } from '@tickwork/core/bridge'
import { createContext, useContext, type Provider } from 'react'
import { useStore } from 'zustand'
import type { SourceState, SourceStore } from '../store/source-store.ts'

const SourceContext = createContext<SourceStore | null>(null)

/** Provides the store of the source on screen. */
export const SourceProvider: Provider<SourceStore | null> = SourceContext.Provider

/** The store of the source on screen. */
export function useSourceStore(): SourceStore {
  const store = useContext(SourceContext)
  if (store === null) throw new Error('[tickwork] devtools: component rendered outside a source provider')
  return store
}

/** Selects from the source's state; re-renders only when the selected value changes (Object.is). */
export function useSourceState<T>(selector: (state: SourceState) => T): T {
  return useStore(useSourceStore().store, selector)
}

/** One task's view: the row re-renders when this task changes and for no other. */
export function useTaskView(name: string): TaskView | undefined {
  return useSourceState((state) => state.tasks[name])
}
