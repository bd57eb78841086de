/** Where tickwork reports problems that it handles (failed runs, throwing listeners). */
export interface Logger {
  warn(message: string, ...details: unknown[]): void
}

/** Logs through `console.warn`, looked up at call time. */
export const consoleLogger: Logger = {
  warn: (message, ...details) => console.warn(message, ...details),
}

/** Calls `logger.warn`, swallowing what it throws: reporting must never kill a loop. */
export function safeWarn(logger: Logger, message: string, ...details: unknown[]): void {
  try {
    const result: unknown = logger.warn(message, ...details)
    // An async logger that rejects must not become an unhandled rejection.
    if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
      ;(result as PromiseLike<unknown>).then(undefined, ignore)
    }
  } catch {
    // A broken logger has nowhere left to report to.
  }
}

function ignore(): void {}
