/** Polls `condition` every 10 ms; rejects after `limitMs` (a safety net against a hang, never the verdict). */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string | (() => string), limitMs = 20_000): Promise<void> {
  const started = Date.now()
  while (!(await condition())) {
    if (Date.now() - started > limitMs) throw new Error(`${typeof what === 'string' ? what : what()}: not within the ${limitMs} ms safety limit`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Real time passing, for what the tests play (an outage that lasts longer than a TTL). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
