import { describeValue, InvalidOptionError, prefix } from '../errors.ts'

/** The part of a `pg` `Pool`, `PoolClient` or `Client` tickwork uses. */
export interface PgQueryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>
}

/** The part of a postgres.js `sql` instance (`postgres(url)`) tickwork uses. */
export interface PostgresJsSql {
  unsafe(text: string, params?: never[]): PromiseLike<ArrayLike<unknown>>
}

/** A PostgreSQL client tickwork accepts: a `pg` `Pool`/`Client`, or a postgres.js `sql` instance. */
export type PostgresClient = PgQueryable | PostgresJsSql

/** One row as both clients give it: column name to value. */
export type Row = Record<string, unknown>

/** What the adapters below speak: one parameterised statement in, its rows out. */
export interface SqlRunner {
  run(text: string, params: unknown[]): Promise<Row[]>
}

/**
 * The one place where the two clients differ. postgres.js's `sql` is a
 * function with `unsafe(text, params)` resolving an array of rows; `pg` has
 * `query(text, params)` resolving `{ rows }`. Checked first for `unsafe`,
 * since postgres.js has no `query`, while a `pg` object has no `unsafe`.
 */
export function sqlRunner(db: unknown, where: string): SqlRunner {
  if (typeof db === 'function' || (typeof db === 'object' && db !== null)) {
    const candidate = db as { unsafe?: unknown; query?: unknown }
    if (typeof candidate.unsafe === 'function') {
      const sql = candidate as PostgresJsSql
      return { run: async (text, params) => Array.from(await sql.unsafe(text, params as never[])) as Row[] }
    }
    if (typeof candidate.query === 'function') {
      const pg = candidate as PgQueryable
      return { run: async (text, params) => (await pg.query(text, params)).rows as Row[] }
    }
  }
  throw new InvalidOptionError(
    `${prefix(where)}db must be a pg Pool or Client (with query(text, params)) or a postgres.js sql instance (with sql.unsafe(text, params)), got ${describeValue(db)}`,
  )
}
