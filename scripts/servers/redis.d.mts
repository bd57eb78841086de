/** A private redis-server started by {@link startRedis}. */
export interface RedisServer {
  readonly port: number
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string
  readonly pid: number
  /** Shuts the server down and deletes its folder. */
  stop(): Promise<void>
  /** Freezes the server (SIGSTOP): connections stay open, commands get no reply until resume(). */
  pause(): void
  /** Lets a paused server go on (SIGCONT). */
  resume(): void
}

export function startRedis(): Promise<RedisServer>
