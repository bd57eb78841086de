import { isTaskLevel, type TaskLevel } from '../levels.ts'
import type { TaskConfigView } from '../task.ts'
import type { RunSummary } from '../types.ts'

/** What the store keeps about one task between ticks. */
export interface TaskRecord {
  /** Record format version. */
  v: 1
  name: string
  level: TaskLevel
  /** The slot last claimed (epoch ms); null before the first run. */
  lastDueAt: number | null
  /** The `now` of the tick that claimed it. */
  lastTickAt: number | null
  /** Slots claimed so far (what `maxRuns` counts). */
  runCount: number
  totalRuns: number
  failedRuns: number
  consecutiveFailures: number
  /** Slots passed over because no tick came while they were due. */
  skippedRuns: number
  lastSummary: RunSummary | null
  /** When the task is next due, as computed by the last tick that looked at it. */
  nextDueAt: number | null
  /** Set when the task will not run again: `completed: …` or an irrecoverable error. */
  stopReason: string | null
  /** The task's configuration when last written (for snapshot views without the code). */
  config: TaskConfigView | null
}

/** What the store keeps about the registry as a whole. */
export interface RegistryRecord {
  v: 1
  /** Task names in registration order, as of the last tick. */
  names: string[]
  /** The last tick: its `now`, what ran, what was shed and when the next is due. */
  lastTick: { now: number; ran: string[]; shed: string[]; nextDueAt: number | null } | null
}

/** Store key of a task's record. */
export function taskKey(keyPrefix: string, name: string): string {
  return `${keyPrefix}task:${name}`
}

/**
 * Store key of a task's recent summaries (oldest first, at most its
 * `historySize`). Kept apart from the record so that claiming a slot reads and
 * writes a few hundred bytes, not the whole history.
 */
export function historyKey(keyPrefix: string, name: string): string {
  return `${keyPrefix}history:${name}`
}

/** Reads a stored history; anything but an array reads as empty. */
export function parseHistory(value: unknown): RunSummary[] {
  return Array.isArray(value) ? (value as RunSummary[]) : []
}

/** Store key of the registry record. */
export function registryKey(keyPrefix: string): string {
  return `${keyPrefix}registry`
}

/** A record for a task that never ran. */
export function freshRecord(name: string, level: TaskLevel): TaskRecord {
  return {
    v: 1,
    name,
    level,
    lastDueAt: null,
    lastTickAt: null,
    runCount: 0,
    totalRuns: 0,
    failedRuns: 0,
    consecutiveFailures: 0,
    skippedRuns: 0,
    lastSummary: null,
    nextDueAt: null,
    stopReason: null,
    config: null,
  }
}

const isNumberOrNull = (value: unknown): boolean => value === null || (typeof value === 'number' && Number.isFinite(value))

/**
 * Reads a stored value as a task record. Anything else (absent, another
 * version, hand-edited garbage) reads as undefined, so the task starts afresh
 * instead of the tick failing.
 */
export function parseRecord(value: unknown): TaskRecord | undefined {
  if (value === null || typeof value !== 'object') return undefined
  const record = value as Partial<TaskRecord>
  if (record.v !== 1 || typeof record.name !== 'string' || !isTaskLevel(record.level)) return undefined
  if (!isNumberOrNull(record.lastDueAt) || !isNumberOrNull(record.lastTickAt) || !isNumberOrNull(record.nextDueAt)) return undefined
  for (const count of [record.runCount, record.totalRuns, record.failedRuns, record.consecutiveFailures, record.skippedRuns]) {
    if (typeof count !== 'number' || !Number.isFinite(count)) return undefined
  }
  return record as TaskRecord
}

/** Reads a stored value as the registry record, or undefined. */
export function parseRegistryRecord(value: unknown): RegistryRecord | undefined {
  if (value === null || typeof value !== 'object') return undefined
  const record = value as Partial<RegistryRecord>
  if (record.v !== 1 || !Array.isArray(record.names) || !record.names.every((name) => typeof name === 'string')) return undefined
  return record as RegistryRecord
}
