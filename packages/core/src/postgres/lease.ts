import { describeValue, InvalidOptionError, prefix } from '../errors.ts'
import type { Lease } from '../lease.ts'
import { defaultHolderId } from '../exclusive/holder.ts'
import { ttlLease, type AcquireResult } from '../ttl-lease.ts'
import { sqlRunner, type PostgresClient, type Row } from './client.ts'
import { DEFAULT_LEASE_TABLE, tableName } from './tables.ts'

/** Options of {@link postgresLease}. */
export interface PostgresLeaseOptions {
  /** How long a holding lasts without renewal, in ms; the holder renews every `ttlMs / 3`. Default 10 000. */
  ttlMs?: number
  /** The lease table made by `createTickTables()` (`schema.name` allowed). Default `tickwork_leases`. */
  table?: string
  /** Who this process is in `status().runner.holder` on every instance. Default `host:pid`. */
  holderId?: string
}

const fenceOf = (row: Row | undefined): number | undefined => (row?.fence === undefined || row.fence === null ? undefined : Number(row.fence))

/**
 * A lease for the `exclusive` task option across server instances, kept in
 * one PostgreSQL row per task: `(key, holder, fence, expires_at)`.
 *
 * Of the processes running the task, one holds the row and runs; the others
 * are standbys and try again every `ttlMs / 3`. Expiry is judged by the
 * database's `now()`, so the instances' clock skew does not matter. Every
 * acquisition adds one to the row's `fence`, given to runs as `ctx.fence`.
 * Acquire, renew and release are one statement each. When the holder dies,
 * a standby takes over within `ttlMs` + one interval; `stop()` releases at once.
 *
 * Set timeouts on your client (pg `connectionTimeoutMillis`, `query_timeout`;
 * postgres.js `connect_timeout`) so that a broken network errors instead of hanging.
 *
 * @param db a `pg` `Pool`/`Client` or a postgres.js `sql` instance.
 * @example
 * createTask({ name: 'report', interval: 60_000, exclusive: postgresLease(pool), run })
 */
export function postgresLease(db: PostgresClient, options: PostgresLeaseOptions = {}): Lease {
  const where = 'postgresLease()'
  const runner = sqlRunner(db, where)
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${prefix(where)}options must be an object { ttlMs?, table?, holderId? }, got ${describeValue(options)}`)
  }
  const ttlMs = options.ttlMs ?? 10_000
  if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs < 3) {
    throw new InvalidOptionError(`${prefix(where)}ttlMs must be a number of milliseconds ≥ 3, got ${describeValue(options.ttlMs)}`)
  }
  const holderId = options.holderId ?? defaultHolderId()
  if (typeof holderId !== 'string' || holderId.length === 0) {
    throw new InvalidOptionError(`${prefix(where)}holderId must be a non-empty string, got ${describeValue(options.holderId)}`)
  }
  const table = tableName(options.table ?? DEFAULT_LEASE_TABLE, where, 'table')
  const ttl = Math.ceil(ttlMs)
  const expiry = `now() + $3::int * interval '1 millisecond'`
  const sql = {
    // Takes the row when it is free or expired; otherwise reads who has it (the snapshot before the upsert).
    acquire: `WITH taken AS (
  INSERT INTO ${table} AS l (key, holder, fence, expires_at) VALUES ($1::text, $2::text, 1, ${expiry})
  ON CONFLICT (key) DO UPDATE SET holder = EXCLUDED.holder, fence = l.fence + 1, expires_at = EXCLUDED.expires_at
  WHERE l.holder IS NULL OR l.expires_at <= now()
  RETURNING l.holder, l.fence
)
SELECT true AS acquired, holder, fence::float8 AS fence FROM taken
UNION ALL
SELECT false, holder, fence::float8 FROM ${table}
WHERE key = $1::text AND holder IS NOT NULL AND expires_at > now() AND NOT EXISTS (SELECT 1 FROM taken)`,
    renew: `UPDATE ${table} SET expires_at = ${expiry}
WHERE key = $1::text AND holder = $2::text AND fence = $4::bigint AND expires_at > now() RETURNING 1 AS ok`,
    release: `UPDATE ${table} SET holder = NULL, expires_at = now() WHERE key = $1::text AND holder = $2::text AND fence = $3::bigint`,
  }
  return ttlLease({
    engine: 'postgres',
    ttlMs,
    holderId,
    acquire: async (key): Promise<AcquireResult> => {
      const [row] = await runner.run(sql.acquire, [key, holderId, ttl])
      if (row?.acquired === true) return { acquired: true, fence: Number(row.fence) }
      return { acquired: false, holder: typeof row?.holder === 'string' ? row.holder : undefined, fence: fenceOf(row) }
    },
    renew: async (key, fence) => (await runner.run(sql.renew, [key, holderId, ttl, fence])).length === 1,
    release: async (key, fence) => {
      await runner.run(sql.release, [key, holderId, fence])
    },
  })
}
