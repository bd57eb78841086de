import type { RegistrySource, TaskView } from '@tickwork/core/bridge'
import type { SourceAction } from '../facet/facet-types.ts'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { animationFrame, type FrameScheduler } from './frame.ts'

/** The state the panel renders for one {@link RegistrySource}, normalised. */
export interface SourceState {
  /**
   * Task views by name. A view object is replaced only when that task changed,
   * so rows select their own (`state.tasks[name]`). The record itself is ONE
   * mutable object for the store's whole life, updated in place by each flush:
   * copying 10,000 entries per frame was the panel's largest cost. Never keep
   * it as a selected value (its identity never changes); `flushes` is its
   * version counter and `changed` says which names moved.
   */
  tasks: Readonly<Record<string, TaskView>>
  /** Task names in registration order. */
  order: readonly string[]
  /** The source's diagnostics counters at the last flush (empty when it keeps none). */
  diagnostics: Readonly<Record<string, number>>
  /** While true, changes are collected but not shown. */
  paused: boolean
  /** Number of flushes applied, one per animation frame at most: the version of `tasks`. */
  flushes: number
  /**
   * Names whose view the last flush replaced or removed; `null` when tasks came
   * or went (then `order` changed too). Lets selectors look at a frame's few
   * changes instead of every task: valid when they saw the previous flush.
   */
  changed: readonly string[] | null
  /** While paused: tasks with changes waiting to be shown (updated once per frame). */
  pendingChanges: number
}

/** Options of {@link createSourceStore}. */
export interface SourceStoreOptions {
  /** How to wait for the next frame. Default: `requestAnimationFrame`, else a 16 ms timeout. */
  scheduleFrame?: FrameScheduler
  /** Runs kept per task in the store, newest last. Default 100. */
  historyLimit?: number
}

/** A zustand store over one source, plus the functions that feed it. */
export interface SourceStore {
  readonly source: RegistrySource
  readonly store: StoreApi<SourceState>
  /** Reads everything once and listens for changes; returns the function that stops listening. Idempotent per call. */
  connect(): () => void
  /** Stops or resumes showing live changes; resuming applies what was collected. */
  setPaused(paused: boolean): void
  /** Sends a control (a task action, or a facet command) to the source and refreshes that task on the next frame. */
  control(name: string, action: SourceAction): void
}

function bounded(view: TaskView, limit: number): TaskView {
  if (view.history.length <= limit) return view
  return { ...view, history: view.history.slice(view.history.length - limit) }
}

/**
 * Creates the store of one source. Source changes are coalesced: however many
 * events arrive between two frames, the store is written once, and only the
 * tasks that changed are read from the source and get new view objects; the
 * rest of the `tasks` record is left as it is (no per-frame copy).
 */
export function createSourceStore(source: RegistrySource, options: SourceStoreOptions = {}): SourceStore {
  const scheduleFrame = options.scheduleFrame ?? animationFrame
  const historyLimit = options.historyLimit ?? 100
  const store = createStore<SourceState>()(() => ({ tasks: {}, order: [], diagnostics: {}, paused: false, flushes: 0, changed: null, pendingChanges: 0 }))
  const dirty = new Set<string>()
  let structure = false
  let cancelFrame: (() => void) | undefined
  let connections = 0

  // Returns the previous object when no counter moved, so the header does not re-render for nothing.
  const readDiagnostics = (previous: Readonly<Record<string, number>>): Readonly<Record<string, number>> => {
    let next: Record<string, number>
    try {
      next = source.diagnostics?.() ?? {}
    } catch {
      next = {}
    }
    const keys = Object.keys(next)
    const same = keys.length === Object.keys(previous).length && keys.every((key) => previous[key] === next[key])
    return same ? previous : { ...next }
  }

  const flush = (): void => {
    cancelFrame = undefined
    const state = store.getState()
    if (state.paused) {
      // While paused only the count of waiting tasks moves, and still once per frame.
      if (state.pendingChanges !== dirty.size) store.setState({ pendingChanges: dirty.size })
      return
    }
    let order = state.order
    // Only the tasks that changed are touched: O(changes) per frame, never O(tasks).
    const { tasks } = state as { tasks: Record<string, TaskView> }
    if (structure) {
      // Tasks came or went (rare): the one case that walks every name.
      order = [...source.names()]
      const known = new Set(order)
      for (const name of Object.keys(tasks)) if (!known.has(name)) delete tasks[name]
      for (const name of order) if (!(name in tasks)) dirty.add(name)
    }
    const changed = structure ? null : [...dirty]
    for (const name of dirty) {
      const view = source.view(name)
      if (view === undefined) delete tasks[name]
      else tasks[name] = bounded(view, historyLimit)
    }
    dirty.clear()
    structure = false
    store.setState({ tasks, order, changed, diagnostics: readDiagnostics(state.diagnostics), flushes: state.flushes + 1, pendingChanges: 0 })
  }

  const request = (): void => {
    if (cancelFrame === undefined) cancelFrame = scheduleFrame(flush)
  }

  const onChange = (names: readonly string[], structural: boolean): void => {
    for (const name of names) dirty.add(name)
    if (structural) structure = true
    // No store write here: events can come by the thousand per second, and every
    // write wakes every subscribed component. The frame writes once.
    request()
  }

  return {
    source,
    store,
    connect() {
      connections++
      structure = true
      request()
      const unsubscribe = source.subscribe((change) => onChange(change.names, change.structure))
      let connected = true
      return () => {
        if (!connected) return
        connected = false
        unsubscribe()
        if (--connections === 0) {
          cancelFrame?.()
          cancelFrame = undefined
        }
      }
    },
    setPaused(paused) {
      store.setState({ paused })
      if (!paused && (dirty.size > 0 || structure)) request()
    },
    control(name, action) {
      if (source.controllable === false) return
      source.control(name, action)
      onChange([name], false)
    },
  }
}
