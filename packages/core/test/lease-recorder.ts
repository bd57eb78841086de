import type { Clock } from '../src/clock.ts'
import type { LeaseEvents } from '../src/lease.ts'

/** Lease events on `clock` that keep what a session reported: losses, warnings, and how often it changed. */
export function leaseRecorder(clock: Clock): { events: LeaseEvents; lost: Error[]; warnings: unknown[][]; changes: () => number } {
  const lost: Error[] = []
  const warnings: unknown[][] = []
  let changes = 0
  const events: LeaseEvents = {
    changed: () => void changes++,
    lost: (error) => void lost.push(error),
    logger: { warn: (...args) => void warnings.push(args) },
    clock,
  }
  return { events, lost, warnings, changes: () => changes }
}
