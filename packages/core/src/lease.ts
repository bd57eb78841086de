import type { Clock } from './clock.ts'
import type { Logger } from './logger.ts'
import type { RunnerStatus } from './plugin.ts'

/**
 * Something that decides which one of many contexts (tabs, server instances)
 * runs an `exclusive` task: Web Locks across tabs, a Redis or PostgreSQL
 * lease across a fleet. `createTask({ exclusive: lease })`.
 *
 * The `exclusive` plugin opens one session per started task and lets a
 * scheduled run start only while the session holds the lease.
 */
export interface Lease {
  /** Brand, so leases from another copy of the package are recognised. */
  readonly [LEASE_BRAND]: true
  /** Names the engine in warnings and status (`'web-locks'`, `'redis'`, `'postgres'`). */
  readonly engine: string
  /** Starts competing for the lease named `key` (the task's name) until the session is closed. */
  open(key: string, events: LeaseEvents): LeaseSession
}

/** `Symbol.for` brand of {@link Lease} objects. */
export const LEASE_BRAND: unique symbol = Symbol.for('tickwork.lease')

/** What a lease session reports to the task. */
export interface LeaseEvents {
  /** The holding or the known holder changed: the task re-reads `status`. */
  changed(): void
  /** This session held the lease and lost it (expiry, no renewal in time): the run in flight is aborted with `error`. */
  lost(error: Error): void
  readonly logger: Logger
  readonly clock: Clock
}

/** One task's competition for one lease. */
export interface LeaseSession {
  /** True while this context holds the lease (and its expiry has not passed). */
  readonly holding: boolean
  /** Fencing token of the current holding; strictly increases with every acquisition of the lease. */
  readonly fence: number | undefined
  /** Who runs, as `task.status().runner` shows it. */
  readonly status: RunnerStatus
  /** Stops competing and releases the lease at once if held, so a standby takes over without waiting for the TTL. */
  close(): Promise<void>
}
