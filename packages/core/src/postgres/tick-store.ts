import { describeValue, InvalidOptionError, prefix } from '../errors.ts'
import type { TickStore } from '../tick/store.ts'
import { sqlRunner, type PostgresClient } from './client.ts'
import { DEFAULT_TICK_TABLE, tableName } from './tables.ts'

/** Options of {@link postgresTickStore}. */
export interface PostgresTickStoreOptions {
  /** The table made by `createTickTables()` (`schema.name` allowed). Default `tickwork_ticks`. */
  table?: string
}

/** A {@link TickStore} in a PostgreSQL table; `compareAndSet` is always present. */
export interface PostgresTickStore extends TickStore {
  compareAndSet(key: string, expected: unknown, next: unknown): Promise<boolean>
}

/** JSON text of a stored value; undefined (no value) stays undefined. */
const toJson = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value))

/**
 * A tick store in one PostgreSQL table of `(key, value jsonb)`, for
 * `tick(registry, { store })` on many instances at once: each due slot runs
 * exactly once, whoever ticks.
 *
 * `compareAndSet` is one statement, so no transaction is held across round
 * trips: `INSERT … ON CONFLICT DO NOTHING` when no value is expected,
 * `UPDATE … WHERE value = $expected` (or `DELETE`) otherwise. jsonb equality
 * ignores key order and number spelling, so values compare as the memory
 * store compares them. Strings must be what jsonb can hold (no U+0000).
 *
 * @param db a `pg` `Pool`/`Client` or a postgres.js `sql` instance.
 * @example
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 * await createTickTables(pool)
 * await tick(registry, { now: Date.now(), store: postgresTickStore(pool) })
 */
export function postgresTickStore(db: PostgresClient, options: PostgresTickStoreOptions = {}): PostgresTickStore {
  const where = 'postgresTickStore()'
  const runner = sqlRunner(db, where)
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${prefix(where)}options must be an object { table? }, got ${describeValue(options)}`)
  }
  const table = tableName(options.table ?? DEFAULT_TICK_TABLE, where, 'table')
  const sql = {
    get: `SELECT value::text AS value FROM ${table} WHERE key = $1::text`,
    put: `INSERT INTO ${table} (key, value) VALUES ($1::text, $2::text::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    remove: `DELETE FROM ${table} WHERE key = $1::text`,
    insertIfAbsent: `INSERT INTO ${table} (key, value) VALUES ($1::text, $2::text::jsonb) ON CONFLICT (key) DO NOTHING RETURNING 1 AS ok`,
    replaceIfSame: `UPDATE ${table} SET value = $3::text::jsonb, updated_at = now() WHERE key = $1::text AND value = $2::text::jsonb RETURNING 1 AS ok`,
    removeIfSame: `DELETE FROM ${table} WHERE key = $1::text AND value = $2::text::jsonb RETURNING 1 AS ok`,
    isAbsent: `SELECT 1 AS ok WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE key = $1::text)`,
  }
  const changed = async (text: string, params: unknown[]): Promise<boolean> => (await runner.run(text, params)).length === 1

  return {
    get: async (key) => {
      const [row] = await runner.run(sql.get, [key])
      // Read as text and parsed here, so both clients give the same values whatever their jsonb parsers do.
      return row === undefined ? undefined : JSON.parse(String(row.value))
    },
    set: async (key, value) => {
      const json = toJson(value)
      await runner.run(json === undefined ? sql.remove : sql.put, json === undefined ? [key] : [key, json])
    },
    compareAndSet: (key, expected, next) => {
      const was = toJson(expected)
      const will = toJson(next)
      if (was === undefined) return will === undefined ? changed(sql.isAbsent, [key]) : changed(sql.insertIfAbsent, [key, will])
      return will === undefined ? changed(sql.removeIfSame, [key, was]) : changed(sql.replaceIfSame, [key, was, will])
    },
  }
}
