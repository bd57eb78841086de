import { describeValue, InvalidOptionError, prefix } from '../errors.ts'

/** The part of an ioredis client (`new Redis()`, `new Cluster()`) tickwork uses. */
export interface IoRedisLike {
  eval(script: string, numKeys: number, ...args: string[]): Promise<unknown>
  evalsha(sha: string, numKeys: number, ...args: string[]): Promise<unknown>
}

/** The part of a node-redis v5+ client (`createClient()`) tickwork uses. */
export interface NodeRedisLike {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
}

/** A Redis client: ioredis or node-redis (v5 and later), told apart by their script methods. */
export type RedisClientLike = IoRedisLike | NodeRedisLike

/** A Lua script, sent by its SHA1 once Redis knows it. */
export interface RedisScript {
  readonly source: string
  /** The SHA1, once computed (null: no Web Crypto here, send the source). */
  sha?: string | null
  hashing?: Promise<string | null>
}

/** Runs Lua scripts on one client, whichever library it comes from. Every call is one round trip (two the first time). */
export type ScriptRunner = (script: RedisScript, keys: string[], args: string[]) => Promise<unknown>

/** A script for {@link ScriptRunner}. */
export function redisScript(source: string): RedisScript {
  return { source }
}

/**
 * Starts hashing scripts now, so that later each is sent synchronously: a
 * lease's release, first used at `stop()`, must be queued before the app
 * closes its client right after.
 */
export function prepareScripts(...scripts: RedisScript[]): void {
  for (const script of scripts) hashOf(script).catch(() => {})
}

function hashOf(script: RedisScript): Promise<string | null> {
  script.hashing ??= sha1(script.source).then((sha) => (script.sha = sha))
  return script.hashing
}

function isFunction(value: unknown): value is (...args: never[]) => unknown {
  return typeof value === 'function'
}

/** Adapts an ioredis or node-redis client, or throws a named error quoting what was received. */
export function scriptRunner(client: unknown, where: string): ScriptRunner {
  const candidate = client as Partial<Record<'eval' | 'evalsha' | 'evalSha', unknown>> | null
  if (candidate !== null && typeof candidate === 'object' && isFunction(candidate.eval)) {
    if (isFunction(candidate.evalSha)) return viaNodeRedis(candidate as NodeRedisLike)
    if (isFunction(candidate.evalsha)) return viaIoRedis(candidate as IoRedisLike)
  }
  throw new InvalidOptionError(
    `${prefix(where)}client must be an ioredis client (new Redis(url)) or a node-redis client (createClient({ url }), connected), with eval and evalsha/evalSha methods, got ${describeValue(client)}`,
  )
}

function viaIoRedis(client: IoRedisLike): ScriptRunner {
  return (script, keys, args) =>
    withSha(
      script,
      (sha) => client.evalsha(sha, keys.length, ...keys, ...args),
      () => client.eval(script.source, keys.length, ...keys, ...args),
    )
}

function viaNodeRedis(client: NodeRedisLike): ScriptRunner {
  return (script, keys, args) =>
    withSha(
      script,
      (sha) => client.evalSha(sha, { keys, arguments: args }),
      () => client.eval(script.source, { keys, arguments: args }),
    )
}

/**
 * EVALSHA, falling back to EVAL (which loads the script) when Redis does not
 * know it yet, e.g. after a restart. Once the SHA1 is known the command is
 * sent synchronously, so a release issued by `stop()` is queued before a
 * graceful client close that follows it.
 */
function withSha(script: RedisScript, bySha: (sha: string) => Promise<unknown>, bySource: () => Promise<unknown>): Promise<unknown> {
  if (script.sha === undefined) return hashOf(script).then(() => withSha(script, bySha, bySource))
  if (script.sha === null) return bySource()
  return bySha(script.sha).catch((error: unknown) => {
    if (!String((error as { message?: unknown } | null)?.message).startsWith('NOSCRIPT')) throw error
    return bySource()
  })
}

interface SubtleLike {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>
}

/** Hex SHA1 through Web Crypto (Node, Bun, Deno), or null where there is none: scripts are then sent whole. */
async function sha1(source: string): Promise<string | null> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle
  if (subtle === undefined) return null
  const digest = new Uint8Array(await subtle.digest('SHA-1', new TextEncoder().encode(source)))
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
