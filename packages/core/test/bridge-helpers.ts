import type { TestClock } from '../src/testing.ts'

/**
 * Lets messages cross a Node MessageChannel/BroadcastChannel (they arrive as
 * macrotasks) until `condition` holds. Counts event-loop turns, never time.
 */
export async function until(condition: () => boolean, clock?: TestClock, turns = 200): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    if (condition()) return
    await new Promise<void>((resolve) => setImmediate(resolve))
    await clock?.flush()
  }
  throw new Error(`condition still false after ${turns} event-loop turns`)
}

/** Lets every message in flight arrive (a few event-loop turns). */
export async function settle(clock?: TestClock): Promise<void> {
  for (let turn = 0; turn < 10; turn++) {
    await new Promise<void>((resolve) => setImmediate(resolve))
    await clock?.flush()
  }
}

/** Collects what arrives on a port. */
export function collect(port: { addEventListener(type: 'message', listener: (event: MessageEvent) => void): void; start?(): void }): unknown[] {
  const received: unknown[] = []
  port.addEventListener('message', (event) => received.push(event.data))
  port.start?.()
  return received
}
