/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number>
/** `freePort()` without awaiting (a short-lived child process). */
export function freePortSync(): number
/** The port kept in `process.env[name]`, or a free one stored there for the Playwright workers. */
export function sharedPort(name: string): number
