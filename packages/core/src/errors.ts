import { IRRECOVERABLE_BRAND } from './brand.ts'

/** Describes a received value for error messages: ``-5` (number)`. */
export function describeValue(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
  let shown: string
  try {
    // JSON quotes strings and shows objects by their content; numbers (NaN, Infinity), symbols and undefined read best as String() gives them.
    if (type === 'function') shown = `[function ${(value as () => unknown).name || 'anonymous'}]`
    else if (type === 'bigint') shown = `${value as bigint}n`
    else if (type === 'string' || typeof value === 'object') shown = JSON.stringify(value) ?? String(value)
    else shown = String(value)
  } catch {
    // Circular, holding a BigInt, or hostile: what cannot throw.
    shown = Object.prototype.toString.call(value)
  }
  if (shown.length > 80) shown = `${shown.slice(0, 77)}...`
  return `\`${shown}\` (${type})`
}

/** Base class of every error tickwork throws on purpose. */
export class TickworkError extends Error {
  override name = 'TickworkError'
}

/** An option or argument was invalid. The message quotes what was received. */
export class InvalidOptionError extends TickworkError {
  override name = 'InvalidOptionError'
}

/** A task with the same name is already registered in this registry. */
export class DuplicateTaskError extends TickworkError {
  override name = 'DuplicateTaskError'
}

/**
 * Thrown from a run to say "this task cannot go on": the loop stops with
 * `state: 'failed'` and the error message becomes its `stopReason`.
 * Any other error is recorded and the loop continues.
 */
export class IrrecoverableError extends Error {
  override name = 'IrrecoverableError'
}

// Recognised by this brand (see `isIrrecoverable`), so subclasses with their own `name` and other copies of the package count too.
Object.defineProperty(IrrecoverableError.prototype, IRRECOVERABLE_BRAND, { value: true })

/** The reason a run's `ctx.signal` is aborted with when the run exceeds its `timeout`. */
export class TimeoutError extends TickworkError {
  override name = 'TimeoutError'
}

/** The reason a run's `ctx.signal` is aborted with when its task is stopped. */
export class TaskStoppedError extends TickworkError {
  override name = 'TaskStoppedError'
}

/** Builds the library-wide message prefix: `[tickwork] task "sync": `. */
export function prefix(part?: string): string {
  return part === undefined ? '[tickwork] ' : `[tickwork] ${part}: `
}

/**
 * The error for a value that fails its check, in the one shape every
 * validation message has: `[tickwork] task "sync": interval must be a
 * positive finite number of milliseconds, got `-5` (number)`.
 *
 * @param where the part that checks, e.g. `task "sync"` or `registry`
 * @param option the option or argument, e.g. `interval`
 * @param expected completes "<option> must …", e.g. `be a function`
 * @param received the bad value, quoted through {@link describeValue}
 */
export function invalidOption(where: string, option: string, expected: string, received: unknown): InvalidOptionError {
  return new InvalidOptionError(`${prefix(where)}${option} must ${expected}, got ${describeValue(received)}`)
}

/** The prefix of messages about one task: `[tickwork] task "sync": `. */
export function taskPrefix(name: string): string {
  return prefix(`task "${name}"`)
}
