import { IRRECOVERABLE_BRAND } from './brand.ts'

/** Describes a received value for error messages: ``-5` (number)`. */
export function describeValue(value: unknown): string {
  let shown: string
  if (typeof value === 'string') shown = JSON.stringify(value)
  else if (typeof value === 'function') shown = `[function ${value.name || 'anonymous'}]`
  else if (typeof value === 'bigint') shown = `${value}n`
  else if (typeof value === 'symbol') shown = value.toString()
  else {
    try {
      shown = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value))
    } catch {
      shown = Object.prototype.toString.call(value)
    }
    if (typeof value === 'number') shown = String(value)
  }
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
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

/** The prefix of messages about one task: `[tickwork] task "sync": `. */
export function taskPrefix(name: string): string {
  return prefix(`task "${name}"`)
}
