import type { TimerHandle } from './clock.ts'
import { taskPrefix } from './errors.ts'
import { LeaseLostError } from './exclusive/errors.ts'
import { LEASE_BRAND, type Lease, type LeaseEvents, type LeaseSession } from './lease.ts'
import { safeWarn, type Logger } from './logger.ts'
import type { RunnerStatus } from './plugin.ts'

/** What an engine answers to an acquisition attempt. */
export type AcquireResult =
  /** This holder took the lease, with a fencing token larger than any before. */
  | { acquired: true; fence: number }
  /** Another holder has it (`holder` when known), or nobody does but the attempt lost a race. */
  | { acquired: false; holder?: string | undefined; fence?: number | undefined }

/**
 * One engine's three operations on a lease with an expiry, each one atomic
 * statement judged on the engine's own clock (PostgreSQL `now()`, Redis
 * `PX`): this is all a fleet engine has to provide.
 */
export interface TtlLeaseEngine {
  /** Names the engine in warnings and status (`'postgres'`, `'redis'`). */
  readonly engine: string
  /** How long one acquisition or renewal is valid, in ms. */
  readonly ttlMs: number
  /** This process's holder id (`host:pid` by default). */
  readonly holderId: string
  /** Takes the lease `key` for `ttlMs` if nobody holds it or its expiry has passed (a new, larger fence). */
  acquire(key: string): Promise<AcquireResult>
  /** Extends this holding by `ttlMs`; false when it expired or another holder has it. */
  renew(key: string, fence: number): Promise<boolean>
  /** Gives the lease up at once, if this holding still has it. */
  release(key: string, fence: number): Promise<void>
}

/**
 * A {@link Lease} over an engine with expiring holdings: each session tries
 * to acquire every `ttlMs / 3`, and once holding renews at the same pace.
 *
 * Whether this process holds the lease is judged on its own monotonic clock,
 * conservatively: a holding counts from the moment the request was *sent*,
 * so it ends here no later than the engine lets it expire. When a renewal
 * fails or gets no answer before that moment, the session reports `lost`
 * (the run in flight is aborted) and goes back to competing.
 *
 * While the engine is unreachable (errors, or no answer within an interval)
 * one warning is logged per outage, shared by every session of this lease.
 */
export function ttlLease(engine: TtlLeaseEngine): Lease {
  const outage = outageNotice(engine.engine)
  return {
    [LEASE_BRAND]: true,
    engine: engine.engine,
    open: (key, events) => openSession(engine, key, events, outage),
  }
}

/** How soon to ask again after losing a race for a free lease. */
const RACE_RETRY_MS = 25

interface OutageNotice {
  down(logger: Logger, key: string, error: unknown): void
  up(): void
}

function outageNotice(engine: string): OutageNotice {
  let down = false
  return {
    down: (logger, key, error) => {
      if (down) return
      down = true
      const reason = error instanceof Error ? error.message : String(error)
      safeWarn(logger, `${taskPrefix(key)}${engine} is unreachable (${reason}); tasks leased through it do not run until it answers again`, error)
    },
    up: () => {
      down = false
    },
  }
}

interface Holding {
  fence: number
  /** Monotonic ms (events.clock) after which this process no longer counts as holding. */
  validUntil: number
  /** Whether `changed()` told the task it holds (so losing it is reported as lost). */
  announced: boolean
}

function openSession(engine: TtlLeaseEngine, key: string, events: LeaseEvents, outage: OutageNotice): LeaseSession {
  const { clock } = events
  const self = engine.holderId
  const interval = Math.max(1, Math.floor(engine.ttlMs / 3))
  let closed = false
  let held: Holding | undefined
  let other: { holder?: string | undefined; fence?: number | undefined } = {}
  let inFlightSince: number | undefined
  let retriedRace = false
  let stepTimer: TimerHandle | undefined
  let expiryTimer: TimerHandle | undefined
  let status: RunnerStatus = { role: 'standby', self }

  const arm = (callback: () => void, ms: number): TimerHandle => {
    const handle = clock.setTimeout(callback, ms)
    // A lease must never be what keeps a process alive.
    clock.unref?.(handle)
    return handle
  }
  const holding = (): boolean => held !== undefined && held.announced && clock.now() < held.validUntil

  /** Recomputes the status and tells the task when anything it shows changed. */
  const refresh = (): void => {
    const next: RunnerStatus = holding()
      ? { role: 'this', self, holder: self, fence: (held as Holding).fence }
      : other.holder !== undefined
        ? { role: 'other', self, holder: other.holder, ...(other.fence === undefined ? {} : { fence: other.fence }) }
        : { role: 'standby', self }
    if (next.role === status.role && next.holder === status.holder && next.fence === status.fence) return
    status = next
    events.changed()
  }

  const lose = (reason: string): void => {
    const was = held
    held = undefined
    if (expiryTimer !== undefined) clock.clearTimeout(expiryTimer)
    expiryTimer = undefined
    if (was?.announced === true) {
      events.lost(new LeaseLostError(`${taskPrefix(key)}the ${engine.engine} lease was lost (${reason}); this process stops running the task until it holds the lease again`))
    }
    refresh()
  }

  /** Loses the holding at its expiry. Timers may fire a little early (Node's loop time is cached): then it waits again. */
  const armExpiry = (): void => {
    if (held === undefined) return
    expiryTimer = arm(() => {
      expiryTimer = undefined
      if (held === undefined) return
      if (clock.now() < held.validUntil) armExpiry()
      else lose(`no renewal within ${engine.ttlMs} ms`)
    }, held.validUntil - clock.now())
  }

  /** A successful acquisition or renewal sent at `sentAt`: valid here until `sentAt + ttlMs`. */
  const hold = (fence: number, sentAt: number): void => {
    const validUntil = sentAt + engine.ttlMs
    const fresh = clock.now() < validUntil
    held = { fence, validUntil, announced: (held?.announced === true && held.fence === fence) || fresh }
    other = {}
    if (expiryTimer !== undefined) clock.clearTimeout(expiryTimer)
    expiryTimer = undefined
    if (!fresh) {
      // The answer came too late to count (the engine was paused): renew at once to learn where it stands.
      step(0)
      return
    }
    armExpiry()
    refresh()
  }

  const attempt = async (): Promise<void> => {
    const sentAt = clock.now()
    inFlightSince = sentAt
    const renewing = held
    try {
      if (renewing !== undefined) {
        const renewed = await engine.renew(key, renewing.fence)
        outage.up()
        if (held !== renewing) {
          // Lost (or closed) while the renewal was on its way: let the next holder take a new fence at once.
          if (renewed) await engine.release(key, renewing.fence)
          return
        }
        if (renewed) hold(renewing.fence, sentAt)
        else {
          lose('the renewal was refused: it had expired or another holder took it')
          // Learn at once who has it now.
          step(0)
        }
        return
      }
      const result = await engine.acquire(key)
      outage.up()
      if (result.acquired) {
        if (closed) await engine.release(key, result.fence)
        else hold(result.fence, sentAt)
        return
      }
      other = { holder: result.holder, fence: result.fence }
      refresh()
      // Not ours, yet nobody seen holding it: another instance took it this very moment. Ask again soon (once) to learn who.
      retriedRace = result.holder === undefined && !retriedRace
      if (retriedRace) step(Math.min(interval, RACE_RETRY_MS))
    } catch (error) {
      outage.down(events.logger, key, error)
    } finally {
      inFlightSince = undefined
    }
  }

  /** One beat: the next attempt (unless one is still on its way) and the next beat. */
  function step(delay = interval): void {
    if (closed) return
    if (stepTimer !== undefined) clock.clearTimeout(stepTimer)
    stepTimer = arm(() => {
      stepTimer = undefined
      if (closed) return
      step()
      if (inFlightSince === undefined) void attempt()
      else if (clock.now() - inFlightSince >= interval) outage.down(events.logger, key, new Error(`no answer for ${Math.round(clock.now() - inFlightSince)} ms`))
    }, delay)
  }

  step(0)
  return {
    get holding() {
      return holding()
    },
    get fence() {
      return holding() ? held?.fence : undefined
    },
    get status(): RunnerStatus {
      // The expiry may have passed before its timer fired: never show 'this' past it.
      if (status.role === 'this' && !holding()) return { role: 'standby', self } satisfies RunnerStatus
      return status
    },
    close: async () => {
      if (closed) return
      closed = true
      for (const timer of [stepTimer, expiryTimer]) if (timer !== undefined) clock.clearTimeout(timer)
      stepTimer = undefined
      expiryTimer = undefined
      const was = held
      held = undefined
      other = {}
      refresh()
      if (was !== undefined) await engine.release(key, was.fence)
    },
  }
}
