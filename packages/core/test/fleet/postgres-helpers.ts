// Shared by the PostgreSQL fleet tests: a private server and both clients on it.
import pg from 'pg'
import postgres from 'postgres'
import { startPostgres, type PostgresServer } from '../../../../scripts/servers/postgres.mjs'
import type { PostgresClient } from '../../src/postgres/index.ts'

export type { PostgresServer }
export { startPostgres }

/** One of the two clients the adapters accept, with how to close it. */
export interface NamedClient {
  name: 'pg' | 'postgres.js'
  db: PostgresClient
  end(): Promise<void>
}

/** A `pg` Pool or a postgres.js `sql` on `url`. */
export function connect(name: NamedClient['name'], url: string): NamedClient {
  if (name === 'pg') {
    const pool = new pg.Pool({ connectionString: url, max: 4 })
    // An idle client whose server went away reports here; the next query reconnects.
    pool.on('error', () => {})
    return { name, db: pool, end: () => pool.end() }
  }
  const sql = postgres(url, { max: 4, onnotice: () => {} })
  return { name, db: sql, end: () => sql.end({ timeout: 1 }) }
}

export const CLIENTS: readonly NamedClient['name'][] = ['pg', 'postgres.js']

/** Polls `condition` every 10 ms; rejects after `limitMs` (a safety net against a hang, never the verdict). */
export async function waitFor(condition: () => boolean | Promise<boolean>, limitMs = 20_000, what = 'condition'): Promise<void> {
  const started = Date.now()
  while (!(await condition())) {
    if (Date.now() - started > limitMs) throw new Error(`${what} did not happen within the ${limitMs} ms safety limit`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
