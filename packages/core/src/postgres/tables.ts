import { describeValue, InvalidOptionError, prefix } from '../errors.ts'
import { sqlRunner, type PostgresClient } from './client.ts'

/** Default table of {@link postgresTickStore}. */
export const DEFAULT_TICK_TABLE = 'tickwork_ticks'
/** Default table of {@link postgresLease}. */
export const DEFAULT_LEASE_TABLE = 'tickwork_leases'

/** Which tables {@link createTickTables} creates. */
export interface TickTableOptions {
  /** The tick store's table (`schema.name` allowed). Default `tickwork_ticks`. */
  table?: string
  /** The lease table (`schema.name` allowed). Default `tickwork_leases`. */
  leaseTable?: string
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

/**
 * A table name as SQL: each part double-quoted, so the name is used exactly
 * as given. Only plain identifiers are accepted, since the name is spliced
 * into statements (table names cannot be bound parameters).
 */
export function tableName(name: unknown, where: string, option: string): string {
  const parts = typeof name === 'string' ? name.split('.') : []
  if (parts.length === 0 || parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new InvalidOptionError(`${prefix(where)}${option} must be a table name like tickwork_ticks or myschema.tickwork_ticks (letters, digits, _), got ${describeValue(name)}`)
  }
  return parts.map((part) => `"${part}"`).join('.')
}

function statements(options: TickTableOptions, where: string): string[] {
  const ticks = tableName(options.table ?? DEFAULT_TICK_TABLE, where, 'table')
  const leases = tableName(options.leaseTable ?? DEFAULT_LEASE_TABLE, where, 'leaseTable')
  return [
    `CREATE TABLE IF NOT EXISTS ${ticks} (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
)`,
    // The row outlives its holders: its fence only ever grows, so it is never deleted.
    `CREATE TABLE IF NOT EXISTS ${leases} (
  key text PRIMARY KEY,
  holder text,
  fence bigint NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL DEFAULT '-infinity'
)`,
  ]
}

/** The migration {@link createTickTables} runs, as SQL text for your own migration tool. */
export function tickTablesSql(options: TickTableOptions = {}): string {
  return `${statements(options, 'tickTablesSql()').join(';\n\n')};\n`
}

/** PostgreSQL's codes for "it exists already" when two processes create a table at once. */
const RACED = new Set(['42P07', '23505'])

/**
 * Creates the tick store's and the lease's tables when they do not exist.
 * Safe to run from every instance at startup; or run {@link tickTablesSql}
 * once in your migrations instead.
 */
export async function createTickTables(db: PostgresClient, options: TickTableOptions = {}): Promise<void> {
  const runner = sqlRunner(db, 'createTickTables()')
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${prefix('createTickTables()')}options must be an object, got ${describeValue(options)}`)
  }
  for (const statement of statements(options, 'createTickTables()')) {
    try {
      await runner.run(statement, [])
    } catch (error) {
      // IF NOT EXISTS is not atomic: a concurrent creator may win between the check and the insert into pg_type.
      if (!RACED.has(String((error as { code?: unknown }).code))) throw error
    }
  }
}
