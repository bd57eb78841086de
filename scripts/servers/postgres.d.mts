/** A private PostgreSQL server started by {@link startPostgres}. */
export interface PostgresServer {
  readonly port: number
  readonly host: string
  readonly user: string
  readonly database: string
  /** `postgres://tickwork@127.0.0.1:<port>/tickwork` (trust authentication, no password). */
  readonly url: string
  /** The temporary folder (data directory, unix socket, log), deleted by stop(). */
  readonly dir: string
  /** Shuts the server down and deletes its folder. */
  stop(): Promise<void>
  /** Freezes the postmaster and every backend (SIGSTOP): connects and queries hang until unblock(). */
  block(): void
  /** Lets a blocked server go on (SIGCONT). */
  unblock(): void
  /** The server's log so far. */
  log(): string
}

export function startPostgres(options?: { attempts?: number }): Promise<PostgresServer>

