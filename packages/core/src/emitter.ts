import type { Logger } from './logger.ts'
import { callSafely } from './report.ts'

/**
 * The one listener list of tickwork: `subscribe` returns its own
 * unsubscribe, `emit` calls every listener over a stable copy, and a
 * listener that throws or returns a rejecting promise is reported while the
 * others still run.
 */
export interface Emitter<E> {
  subscribe(listener: (event: E) => unknown): () => void
  emit(event: E): void
  /** Number of listeners: emitters with none let callers skip building events. */
  readonly size: number
}

const NONE: readonly never[] = Object.freeze([])

/**
 * Creates an {@link Emitter}. The list is copy-on-write, so an emit iterates
 * a stable array without copying it per event, and a listener may
 * (un)subscribe while being called.
 *
 * @param source prefixes reports, e.g. `[tickwork] registry: `; the event's `type` names the listener
 * @param logger where failing listeners are reported (read at each report)
 * @param onSizeChange told the new listener count after each (un)subscribe
 */
export function createEmitter<E>(source: string, logger: () => Logger, onSizeChange?: (size: number) => void): Emitter<E> {
  let listeners: readonly ((event: E) => unknown)[] = NONE
  return {
    subscribe(listener) {
      if (!listeners.includes(listener)) {
        listeners = listeners.concat(listener)
        onSizeChange?.(listeners.length)
      }
      return () => {
        const next = listeners.filter((other) => other !== listener)
        if (next.length === listeners.length) return
        listeners = next.length === 0 ? NONE : next
        onSizeChange?.(listeners.length)
      }
    },
    emit(event) {
      const current = listeners
      if (current.length === 0) return
      // Built only when a listener fails: no string per event.
      const what = (): string => {
        const type = (event as { type?: unknown } | null)?.type
        return `${source}a ${typeof type === 'string' ? `${type} ` : ''}listener`
      }
      for (let i = 0; i < current.length; i++) callSafely(logger(), what, current[i] as (event: E) => unknown, event)
    },
    get size() {
      return listeners.length
    },
  }
}
