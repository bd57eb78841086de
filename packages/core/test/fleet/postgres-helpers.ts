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
