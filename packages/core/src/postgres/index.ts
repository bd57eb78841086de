/**
 * tickwork on a fleet of servers through PostgreSQL: a tick store whose
 * compare-and-set is one statement (each due slot runs once, whoever ticks),
 * and a lease for `exclusive` tasks (one instance runs the loop). Takes a
 * `pg` `Pool`/`Client` or a postgres.js `sql` instance.
 * @module
 */
export type { PgQueryable, PostgresClient, PostgresJsSql } from './client.ts'
export { postgresLease, type PostgresLeaseOptions } from './lease.ts'
export { createTickTables, tickTablesSql, type TickTableOptions } from './tables.ts'
export { postgresTickStore, type PostgresTickStore, type PostgresTickStoreOptions } from './tick-store.ts'
