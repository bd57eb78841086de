// Hand-written facets (a trigger queue's and a cached value's) for tests of
// how devtools see and drive them, until the real queue and cache carry theirs.
import type { CacheStatus, FacetAction, QueueStatus, TaskFacet } from '../src/types.ts'

/** A facet whose status tests set directly, recording every action it is asked for. */
export interface FakeFacet<S extends QueueStatus | CacheStatus> extends TaskFacet {
  status(): S
  /** The actions asked for, in order, with their argument. */
  readonly calls: { action: FacetAction; arg: string | undefined }[]
  /** Replaces part of the status and tells subscribers. */
  set(patch: Partial<S>): void
  subscribe(listener: () => void): () => void
  /** Subscribers right now. */
  readonly listeners: number
}

function fakeFacet<S extends QueueStatus | CacheStatus>(initial: S, actions: readonly FacetAction[], apply: (status: S, action: FacetAction, arg: string | undefined, now: number) => S, now: () => number): FakeFacet<S> {
  let status = initial
  const listeners = new Set<() => void>()
  const calls: { action: FacetAction; arg: string | undefined }[] = []
  const changed = (): void => {
    for (const listener of [...listeners]) listener()
  }
  return {
    calls,
    actions,
    status: () => structuredClone(status),
    act(action, arg) {
      calls.push({ action, arg })
      if (!actions.includes(action)) return Promise.reject(new RangeError(`unknown facet action ${String(action)}`))
      status = apply(status, action, arg, now())
      changed()
      return Promise.resolve(undefined)
    },
    set(patch) {
      status = { ...status, ...patch }
      changed()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    get listeners() {
      return listeners.size
    },
  }
}

/** A trigger queue's facet: notify adds or counts a pending key, drain runs them all, clearDropped forgets the dropped. */
export function fakeQueueFacet(now: () => number, initial: Partial<QueueStatus> = {}): FakeFacet<QueueStatus> {
  const status: QueueStatus = { kind: 'queue', state: 'idle', pending: [], running: [], droppedCount: 0, dropped: [], results: [], concurrency: 1, maxSize: 100, ...initial }
  return fakeFacet(
    status,
    ['drain', 'stop', 'notify', 'clearDropped'],
    (current, action, arg, at) => {
      if (action === 'notify') {
        const key = arg ?? ''
        const found = current.pending.find((entry) => entry.key === key)
        const pending = found ? current.pending.map((entry) => (entry.key === key ? { ...entry, count: entry.count + 1 } : entry)) : [...current.pending, { key, count: 1, since: at }]
        return { ...current, pending }
      }
      if (action === 'drain') {
        const results = [...current.pending.map((entry) => ({ key: entry.key, success: true, message: `ran ${entry.count}`, durationMs: 1, at })), ...current.results]
        return { ...current, pending: [], results }
      }
      if (action === 'clearDropped') return { ...current, dropped: [], droppedCount: 0 }
      return { ...current, state: 'stopped' }
    },
    now,
  )
}

/** A cached value's facet: refresh produces a value now, invalidate drops it. */
export function fakeCacheFacet(now: () => number, expireMs: number, initial: Partial<CacheStatus> = {}): FakeFacet<CacheStatus> {
  const status: CacheStatus = { kind: 'cache', hasValue: false, updatedAt: null, expiresAt: null, refreshing: false, errorCount: 0, lastError: null, ...initial }
  return fakeFacet(
    status,
    ['refresh', 'invalidate'],
    (current, action, _arg, at) => (action === 'refresh' ? { ...current, hasValue: true, updatedAt: at, expiresAt: at + expireMs } : { ...current, hasValue: false, expiresAt: null }),
    now,
  )
}

/** Gives `task` a facet the way the kernel's `facet` option will (`task.facet`). */
export function attachFacet<T extends object>(task: T, facet: TaskFacet): T {
  Object.defineProperty(task, 'facet', { value: facet, configurable: true })
  return task
}
