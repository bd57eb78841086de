import type { TaskState } from './types.ts'

/**
 * The small fields of a loop's state record, packed in one integer
 * (`LoopMachine#flags`): a phase, a parked mark, three booleans and the
 * public state last derived. One number instead of five fields keeps an idle
 * task small.
 */

/** Bits 0–2: where the loop is. */
export const IDLE = 0
export const LIVE = 1
export const PAUSED = 2
export const STOPPED = 3
export const COMPLETED = 4
export const FAILED = 5
export const PHASE = 0b111
/** Bits 3–4: a plugin holds the due run (`admit` → `'hold'`), or started it another way (`dispatch`). */
export const HELD = 0b1000
export const DISPATCHED = 0b1_0000
export const PARKED = 0b1_1000
/** A manual run asked for while another was in flight: it starts from a fresh turn after it. */
export const QUEUED = 0b10_0000
/** A microtask to start the queued run is pending. */
export const KICKED = 0b100_0000
/** A run is in flight (`#run` is it; otherwise `#run` is the last one, kept for reuse). */
export const IN_FLIGHT = 0b1000_0000
/** Bits 8–10: the public state last derived, an index into {@link STATES}. */
export const STATE_SHIFT = 8
export const STATES: readonly TaskState[] = ['idle', 'scheduled', 'running', 'paused', 'stopped', 'completed', 'failed']
/** The public state of each phase when no run is in flight. */
export const PHASE_STATE: readonly number[] = [0, 1, 3, 4, 5, 6]
export const RUNNING_STATE = 2

