// One instance of a fleet in tick mode on PostgreSQL. Each run inserts
// (task, slot) into the ledger table, whose UNIQUE (task, slot) index rejects
// a second run of a slot (SQLSTATE 23505: counted as a duplicate).
// Args: <url> <client> <store table> <ledger table> <callers> <slots>.
import { sqlRunner } from '../../../src/postgres/client.ts'
import { postgresTickStore } from '../../../src/postgres/index.ts'
import { connect, type NamedClient } from '../postgres-helpers.ts'
import { tickInstance } from '../tick-fleet.ts'

const [url, clientName, table, ledger, callers, slots] = process.argv.slice(2) as [string, NamedClient['name'], string, string, string, string]
const client = connect(clientName, url)
const { run: sql } = sqlRunner(client.db, 'ledger')
const record = async (task: string, slot: number): Promise<boolean> => {
  try {
    await sql(`INSERT INTO ${ledger} (task, slot, pid) VALUES ($1::text, $2::bigint, $3::int)`, [task, slot, process.pid])
    return true
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') return false
    throw error
  }
}
await tickInstance(postgresTickStore(client.db, { table }), record, Number(callers), Number(slots))
await client.end()
process.exit(0)
