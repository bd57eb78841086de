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
    logger.warn(message, ...details)
  } catch {
    // A broken logger has nowhere left to report to.
  }
}
