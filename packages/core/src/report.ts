import { safeWarn, type Logger } from './logger.ts'

/**
 * Calls a user function (a listener, `onError`, a hook) so that nothing it
 * does escapes: a throw is reported through `logger`, and so is a promise it
 * returns that rejects. No unhandled rejection, ever.
 */
export function callSafely<A extends unknown[]>(logger: Logger, what: string | (() => string), fn: (...args: A) => unknown, ...args: A): void {
  let result: unknown
  try {
    result = fn(...args)
  } catch (error) {
    safeWarn(logger, `${typeof what === 'string' ? what : what()} threw`, error)
    return
  }
  if (result !== undefined) reportRejection(logger, typeof what === 'string' ? what : what(), result)
}

/** When `value` is a thenable, reports its rejection instead of leaving it unhandled. */
export function reportRejection(logger: Logger, what: string, value: unknown): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return
  try {
    const then = (value as { then?: unknown }).then
    if (typeof then === 'function') then.call(value, undefined, (error: unknown) => safeWarn(logger, `${what} rejected`, error))
  } catch (error) {
    safeWarn(logger, `${what} returned a broken promise`, error)
  }
}
