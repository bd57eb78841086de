// A private PostgreSQL server for the fleet tests: `initdb` and `pg_ctl` in a
// temporary folder, listening on 127.0.0.1 only, on a free port, with its
// unix socket in that folder and trust authentication. `stop()` shuts it down
// and deletes the folder. Never touches a system cluster.
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../free-port.mjs'

const SETUP_HINT = 'install it with `pnpm setup:system` (Debian: apt-get install -y postgresql)'

/** The folder holding initdb, pg_ctl and postgres: $TICKWORK_PG_BIN, Debian's newest /usr/lib/postgresql/N/bin, or PATH. */
function findBinaries() {
  const candidates = []
  if (process.env.TICKWORK_PG_BIN) candidates.push(process.env.TICKWORK_PG_BIN)
  const debian = '/usr/lib/postgresql'
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a))
    for (const version of versions) candidates.push(join(debian, version, 'bin'))
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(dir)
  const found = candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(join(dir, name))))
  if (found === undefined) {
    throw new Error(`PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in ${candidates.slice(0, 4).join(', ')}, ...: ${SETUP_HINT}`)
  }
  return found
}

/**
 * initdb and postgres refuse to run as root. As root, run them as an
 * unprivileged user: `postgres` (Debian's package creates it) or `nobody`.
 * Node's spawn sets uid and gid itself (and drops root's groups), so neither
 * su nor runuser is needed.
 */
function serverUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {}
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':'))
  for (const name of ['postgres', 'nobody']) {
    const entry = passwd.find((fields) => fields[0] === name)
    if (entry !== undefined) return { uid: Number(entry[2]), gid: Number(entry[3]) }
  }
  throw new Error('running as root and found neither a `postgres` nor a `nobody` user to run PostgreSQL as')
}

function run(bin, args, user, env, cwd) {
  try {
    // cwd: a folder the server user can enter (root's own working folder may not be).
    return execFileSync(bin, args, { ...user, env, cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
  } catch (error) {
    throw new Error(`${bin} ${args.join(' ')} failed: ${String(error.stderr || error.stdout || error.message).trim().slice(-1500)}`)
  }
}

/** Process ids of `pid` and every process below it (the postmaster and its backends), from /proc. */
function processTree(pid) {
  const children = new Map()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // The parent pid is the 2nd field after the parenthesised command name.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (!children.has(parent)) children.set(parent, [])
      children.get(parent).push(Number(entry))
    } catch {
      // The process ended while we read.
    }
  }
  const tree = [pid]
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []))
  return tree
}

/**
 * Starts a private PostgreSQL server; it is stopped and deleted by stop(), or when this process exits.
 * @returns {Promise<{ port: number, host: string, user: string, database: string, url: string, dir: string,
 *   stop(): Promise<void>, block(): void, unblock(): void, log(): string }>}
 */
export async function startPostgres({ attempts = 3 } = {}) {
  const bin = findBinaries()
  const user = serverUser()
  const dir = mkdtempSync(join(tmpdir(), 'tickwork-pg-'))
  const data = join(dir, 'data')
  const logFile = join(dir, 'server.log')
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid)
  // A clean environment: no PG* variables of the caller's, a fixed locale and time zone.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', TZ: 'UTC' }
  const database = 'tickwork'
  const role = 'tickwork'
  let started = false
  let blocked = []
  const cleanup = () => {
    if (started) {
      unblockAll()
      try {
        run(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '30'], user, env, dir)
      } catch {
        // Already gone: delete the folder anyway.
      }
      started = false
    }
    rmSync(dir, { recursive: true, force: true })
    process.off('exit', cleanup)
  }
  // A test that crashes must not leave a server behind.
  process.once('exit', cleanup)
  const unblockAll = () => {
    for (const pid of blocked) {
      try {
        process.kill(pid, 'SIGCONT')
      } catch {
        // Ended meanwhile.
      }
    }
    blocked = []
  }
  try {
    run(join(bin, 'initdb'), ['-D', data, '-U', role, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], user, env, dir)
    let port
    let lastError
    for (let attempt = 0; attempt < attempts && !started; attempt++) {
      port = await freePort()
      const settings = [
        `-p ${port}`,
        "-c listen_addresses='127.0.0.1'",
        `-c unix_socket_directories='${dir}'`,
        // A test server: durability off, small memory, enough connections for 4 processes x a few pools.
        '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
        '-c shared_buffers=16MB -c max_connections=200',
      ].join(' ')
      try {
        run(join(bin, 'pg_ctl'), ['start', '-D', data, '-l', logFile, '-w', '-t', '60', '-o', settings], user, env, dir)
        started = true
      } catch (error) {
        // Most likely someone took the port between freePort() and the bind: try another. The log says why.
        const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n') : ''
        lastError = new Error(`${error.message}\nserver log:\n${log}`)
      }
    }
    if (!started) throw lastError
    run(join(bin, 'psql'), ['-h', dir, '-p', String(port), '-U', role, '-d', 'postgres', '-qAtc', `CREATE DATABASE ${database}`], user, env, dir)
    const postmasterPid = () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
    const host = '127.0.0.1'
    return {
      port,
      host,
      user: role,
      database,
      url: `postgres://${role}@${host}:${port}/${database}`,
      dir,
      log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
      /**
       * Makes the server unreachable without closing anything: SIGSTOP to the
       * postmaster and every backend, so connects and queries hang (as a
       * partitioned network does) until unblock().
       */
      block: () => {
        if (blocked.length > 0) return
        const stop = (pid) => {
          if (blocked.includes(pid)) return
          try {
            process.kill(pid, 'SIGSTOP')
            blocked.push(pid)
          } catch {
            // Ended meanwhile.
          }
        }
        // The postmaster first, so it forks no backend we would miss; then its children as they are now.
        stop(postmasterPid())
        for (const pid of processTree(blocked[0])) stop(pid)
      },
      unblock: unblockAll,
      stop: async () => cleanup(),
    }
  } catch (error) {
    cleanup()
    throw error
  }
}

// `node scripts/servers/postgres.mjs` starts one and prints its URL until Ctrl-C.
if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startPostgres()
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0))
  console.log(server.url)
  setInterval(() => {}, 1 << 30)
}
