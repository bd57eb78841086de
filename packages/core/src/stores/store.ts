/**
 * Where a cached value persists: text in, text out, keyed. Every method may
 * be synchronous or return a promise. A read that throws (or returns text that
 * does not parse) counts as "no usable value": the value is regenerated and rewritten.
 */
export interface CacheStore {
  /** The text stored under `key`, or undefined/null when there is none. */
  read(key: string): string | undefined | null | Promise<string | undefined | null>
  /** Stores `text` under `key`, replacing what was there. */
  write(key: string, text: string): void | Promise<void>
  /** Forgets `key`. */
  delete(key: string): void | Promise<void>
  /** Shown in messages, e.g. `localStorage`. */
  readonly description?: string
}
