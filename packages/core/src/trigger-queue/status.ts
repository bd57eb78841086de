import { describeValue, InvalidOptionError, prefix } from '../errors.ts'
import { safeWarn, type Logger } from '../logger.ts'
import type { FacetAction, QueueStatus, TaskFacet } from '../types.ts'
import type { Facet, Job, KeyRecord, TriggerKeyState } from './types.ts'

export type { Facet } from './types.ts'

/** Results and drops kept for status: bounded, most recent first. */
const RECENT = 50

/** What a queue remembers for its status: the last result per key and recent drops. */
export class QueueLog {
  results: QueueStatus['results'] = []
  dropped: QueueStatus['dropped'] = []
  droppedCount = 0

  result(entry: QueueStatus['results'][number]): void {
    // One entry per key: its newest result moves to the front.
    const at = this.results.findIndex((other) => other.key === entry.key)
    if (at >= 0) this.results.splice(at, 1)
    this.results.unshift(entry)
    if (this.results.length > RECENT) this.results.length = RECENT
  }

  drop(key: string, at: number): void {
    this.droppedCount++
    this.dropped.unshift({ key, at })
    if (this.dropped.length > RECENT) this.dropped.length = RECENT
  }

  clearDropped(): void {
    this.droppedCount = 0
    this.dropped = []
  }
}

/** What `state(key)` shows of a key: a copy, so callers cannot change the queue. */
export function keyState(record: KeyRecord): TriggerKeyState {
  const { count, lastRunAt, lastResult, pending, job } = record
  return { count, lastRunAt, lastResult: lastResult === null ? null : { ...lastResult }, pending, running: job !== undefined }
}

/** The queue as devtools show it: plain data, safe to post over the bridge. */
export function queueStatus(
  state: QueueStatus['state'],
  pending: readonly (readonly [string, KeyRecord])[],
  running: Iterable<Job>,
  log: QueueLog,
  limits: { concurrency: number; maxSize: number },
): QueueStatus {
  return {
    kind: 'queue',
    state,
    pending: pending.map(([key, record]) => ({ key, count: record.count, since: record.queuedAt })),
    running: [...running].map((job) => ({ key: job.key, startedAt: job.startedWall })),
    droppedCount: log.droppedCount,
    dropped: log.dropped.map((entry) => ({ ...entry })),
    results: log.results.map((entry) => ({ ...entry })),
    concurrency: limits.concurrency,
    maxSize: limits.maxSize,
  }
}

/** A listener list: subscribe returns its unsubscribe; a throwing listener is reported and the rest still run. */
export class Listeners<E> {
  #list: readonly ((event: E) => void)[] = []
  readonly #logger: Logger
  readonly #who: string

  constructor(logger: Logger, who: string) {
    this.#logger = logger
    this.#who = who
  }

  subscribe(listener: (event: E) => void): () => void {
    if (typeof listener !== 'function') throw new InvalidOptionError(`${prefix(this.#who)}subscribe() needs a function, got ${describeValue(listener)}`)
    this.#list = this.#list.concat(listener)
    return () => {
      this.#list = this.#list.filter((other) => other !== listener)
    }
  }

  emit(event: E): void {
    // The list is replaced, never changed in place: iterating it is iterating a copy.
    for (const listener of this.#list) {
      try {
        const result: unknown = listener(event)
        if (result instanceof Promise) result.catch((error: unknown) => safeWarn(this.#logger, `${prefix(this.#who)}a listener rejected`, error))
      } catch (error) {
        safeWarn(this.#logger, `${prefix(this.#who)}a listener threw`, error)
      }
    }
  }
}

/** Builds a facet whose `act` rejects unknown actions with a named error quoting them. */
export function makeFacet(
  who: string,
  actions: readonly FacetAction[],
  status: TaskFacet['status'],
  handlers: Partial<Record<FacetAction, (arg: string | undefined) => unknown>>,
  subscribe: (listener: () => void) => () => void,
): Facet {
  return {
    actions,
    status,
    subscribe,
    async act(action, arg) {
      const handler = actions.includes(action) ? handlers[action] : undefined
      if (handler === undefined) {
        throw new InvalidOptionError(`${prefix(who)}act() needs one of ${actions.map((a) => `'${a}'`).join(', ')}, got ${describeValue(action)}`)
      }
      return handler(arg)
    },
  }
}

