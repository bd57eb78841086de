import { onRejection, safeWarn, type Logger } from './logger.ts'

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
    safeWarn(logger, `${labelOf(what)} threw`, error)
    return
  }
  if (result !== undefined) reportRejection(logger, labelOf(what), result)
}

/** Callers on hot paths pass the label as a function, so that it is built only when something goes wrong. */
function labelOf(what: string | (() => string)): string {
  return typeof what === 'string' ? what : what()
}

/** When `value` is a thenable, reports its rejection instead of leaving it unhandled. */
export function reportRejection(logger: Logger, what: string, value: unknown): void {
  try {
    onRejection(value, (error) => safeWarn(logger, `${what} rejected`, error))
  } catch (error) {
    safeWarn(logger, `${what} returned a broken promise`, error)
  }
}
