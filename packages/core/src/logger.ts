/** Where tickwork reports problems that it handles (failed runs, throwing listeners). */
export interface Logger {
  warn(message: string, ...details: unknown[]): void
}

/** Logs through `console.warn`, looked up at call time. */
export const consoleLogger: Logger = {
  warn: (message, ...details) => console.warn(message, ...details),
}

/**
 * When `value` is a thenable, hands its rejection to `onRejected`, so that a
 * promise returned by user code never becomes an unhandled rejection.
 * Reading `then` may throw (a hostile object): the caller decides what that means.
 */
export function onRejection(value: unknown, onRejected: (error: unknown) => void): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return
  const then = (value as { then?: unknown }).then
  if (typeof then === 'function') then.call(value, undefined, onRejected)
}

/** Calls `logger.warn`, swallowing what it throws or rejects with: reporting must never kill a loop. */
export function safeWarn(logger: Logger, message: string, ...details: unknown[]): void {
  try {
    onRejection(logger.warn(message, ...details), ignore)
  } catch {
    // A broken logger has nowhere left to report to.
  }
}

function ignore(): void {}
