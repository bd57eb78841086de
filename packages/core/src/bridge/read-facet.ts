import type { CacheStatus, FacetStatus, QueueStatus } from '../types.ts'
import { array, boolean, nullableNumber, number, oneOf, record, string } from './read.ts'

/** Most keys a queue's status may list per section (pending, running, dropped, results) over the bridge. */
export const MAX_FACET_KEYS = 1000

function items<T>(value: unknown, path: string, read: (item: Record<string, unknown>, path: string) => T): T[] {
  return array(value, path, MAX_FACET_KEYS).map((item, index) => read(record(item, `${path}[${index}]`), `${path}[${index}]`))
}

function readQueue(source: Record<string, unknown>, path: string): QueueStatus {
  return {
    kind: 'queue',
    state: oneOf(source['state'], ['idle', 'working', 'stopped'] as const, `${path}.state`),
    pending: items(source['pending'], `${path}.pending`, (item, at) => ({
      key: string(item['key'], `${at}.key`),
      count: number(item['count'], `${at}.count`, 0, true),
      since: number(item['since'], `${at}.since`),
    })),
    running: items(source['running'], `${path}.running`, (item, at) => ({ key: string(item['key'], `${at}.key`), startedAt: number(item['startedAt'], `${at}.startedAt`) })),
    droppedCount: number(source['droppedCount'], `${path}.droppedCount`, 0, true),
    dropped: items(source['dropped'], `${path}.dropped`, (item, at) => ({ key: string(item['key'], `${at}.key`), at: number(item['at'], `${at}.at`) })),
    results: items(source['results'], `${path}.results`, (item, at) => ({
      key: string(item['key'], `${at}.key`),
      success: boolean(item['success'], `${at}.success`),
      message: string(item['message'], `${at}.message`),
      durationMs: number(item['durationMs'], `${at}.durationMs`, 0),
      at: number(item['at'], `${at}.at`),
    })),
    concurrency: number(source['concurrency'], `${path}.concurrency`, 0, true),
    maxSize: number(source['maxSize'], `${path}.maxSize`, 0),
  }
}

function readLastError(value: unknown, path: string): CacheStatus['lastError'] {
  if (value === null) return null
  const error = record(value, path)
  return { name: string(error['name'], `${path}.name`), message: string(error['message'], `${path}.message`), at: number(error['at'], `${path}.at`) }
}

function readCache(source: Record<string, unknown>, path: string): CacheStatus {
  return {
    kind: 'cache',
    hasValue: boolean(source['hasValue'], `${path}.hasValue`),
    updatedAt: nullableNumber(source['updatedAt'], `${path}.updatedAt`),
    expiresAt: nullableNumber(source['expiresAt'], `${path}.expiresAt`),
    refreshing: boolean(source['refreshing'], `${path}.refreshing`),
    errorCount: number(source['errorCount'], `${path}.errorCount`, 0, true),
    lastError: readLastError(source['lastError'], `${path}.lastError`),
  }
}

/**
 * Reads a facet status sent by a peer (a queue or a cache) into fresh,
 * checked objects. Throws `MalformedMessageError` naming the first bad field.
 */
export function readFacetStatus(value: unknown, path: string): FacetStatus {
  const source = record(value, path)
  const kind = oneOf(source['kind'], ['queue', 'cache'] as const, `${path}.kind`)
  return kind === 'queue' ? readQueue(source, path) : readCache(source, path)
}
