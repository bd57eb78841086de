// One instance of a fleet running the same exclusive task on a PostgreSQL
// lease (see lease-instance.ts). Each finished run is a row of the runs table.
// Args: <url> <client> <runs table> <ttl ms>.
import { sqlRunner } from '../../../src/postgres/client.ts'
import { postgresLease } from '../../../src/postgres/index.ts'
import { leaseInstance } from '../lease-instance.ts'
import { connect, type NamedClient } from '../postgres-helpers.ts'

const [url, clientName, runs, ttl] = process.argv.slice(2) as [string, NamedClient['name'], string, string]
// Leases and the run's own writes on separate connections, as an app with a pool would have them.
const client = connect(clientName, url)
const { run: sql } = sqlRunner(client.db, 'runs')
leaseInstance(
  postgresLease(client.db, { ttlMs: Number(ttl), holderId: `node:${process.pid}` }),
  async (run) => {
    await sql(`INSERT INTO ${runs} (pid, fence, started_at, ended_at, aborted) VALUES ($1::int, $2::bigint, $3::bigint, $4::bigint, $5::text)`, [
      run.pid,
      run.fence ?? null,
      run.start,
      run.end,
      run.aborted,
    ])
  },
  () => client.end(),
)
