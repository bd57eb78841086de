import { describeValue, InvalidOptionError, prefix } from './errors.ts'
import type { TaskLevel } from './levels.ts'
import type { VisibilitySource, WhenHidden } from './types.ts'

export type { VisibilitySource, WhenHidden } from './types.ts'

/** Every {@link WhenHidden} value, for validation. */
export const WHEN_HIDDEN: readonly WhenHidden[] = ['run', 'pause', 'slow']

/** How much longer waits get while hidden under `whenHidden: 'slow'`. */
export const HIDDEN_SLOW_FACTOR = 4

/** A {@link VisibilitySource} flipped by hand: for tests, or to drive tasks from your own signal. */
export interface ManualVisibility extends VisibilitySource {
  /** Sets the state and tells subscribers when it changed. */
  setHidden(hidden: boolean): void
}

/** The level's default: `low` pauses, `medium` slows, `high` and `critical` run. */
export function defaultWhenHidden(level: TaskLevel): WhenHidden {
  if (level === 'low') return 'pause'
  if (level === 'medium') return 'slow'
  return 'run'
}

/**
 * Creates a visibility source you flip with `setHidden()`.
 *
 * @example
 * const visibility = manualVisibility()
 * createTask({ name: 'poll', interval: 1000, level: 'low', visibility, run })
 * visibility.setHidden(true) // the low task pauses
 */
export function manualVisibility(hidden = false): ManualVisibility {
  let current = hidden
  const listeners = new Set<(hidden: boolean) => void>()
  return {
    isHidden: () => current,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    setHidden(next) {
      if (next === current) return
      current = next
      for (const listener of [...listeners]) listener(next)
    },
  }
}

interface DocumentLike {
  readonly visibilityState?: string
  addEventListener(type: 'visibilitychange', listener: () => void): void
  removeEventListener(type: 'visibilitychange', listener: () => void): void
}

/**
 * The page's visibility (`document.visibilityState` and `visibilitychange`),
 * or undefined where there is no `document` (Node, Deno, workers, edge).
 * Looked up when called, never at import.
 */
export function documentVisibility(doc: DocumentLike | undefined = (globalThis as { document?: DocumentLike }).document): VisibilitySource | undefined {
  if (doc === undefined || doc === null || typeof doc.addEventListener !== 'function') return undefined
  // One source per document: the visibility plugin fans a source out to all its tasks, so 10,000 tasks share one listener.
  let source = sources.get(doc)
  if (source === undefined) {
    source = sourceOf(doc)
    sources.set(doc, source)
  }
  return source
}

const sources = new WeakMap<DocumentLike, VisibilitySource>()

function sourceOf(doc: DocumentLike): VisibilitySource {
  return {
    isHidden: () => doc.visibilityState === 'hidden',
    subscribe(listener) {
      const onChange = (): void => listener(doc.visibilityState === 'hidden')
      doc.addEventListener('visibilitychange', onChange)
      return () => doc.removeEventListener('visibilitychange', onChange)
    },
  }
}

/** Throws unless `value` is a `whenHidden` policy and `source` a visibility source (or null). */
export function validateVisibilityOptions(where: string, whenHidden: unknown, source: unknown): void {
  if (whenHidden !== undefined && !(WHEN_HIDDEN as readonly unknown[]).includes(whenHidden)) {
    throw new InvalidOptionError(`${prefix(where)}whenHidden must be one of ${WHEN_HIDDEN.map((v) => `'${v}'`).join(', ')}, got ${describeValue(whenHidden)}`)
  }
  if (source === undefined || source === null) return
  const s = source as Partial<VisibilitySource>
  if (typeof s.isHidden !== 'function' || typeof s.subscribe !== 'function') {
    throw new InvalidOptionError(`${prefix(where)}visibility must have isHidden() and subscribe(listener), or be null, got ${describeValue(source)}`)
  }
}

/**
 * The source a task follows: the injected one, none for `null`, else the
 * page's (looked up now, so Node, Deno, workers and edge get none).
 */
export function resolveVisibility(option: VisibilitySource | null | undefined): VisibilitySource | undefined {
  return option === null ? undefined : (option ?? documentVisibility())
}
