interface ProcessLike {
  pid?: number
  getBuiltinModule?(name: string): { hostname?(): string } | undefined
}

/**
 * The default holder id of a lease: `host:pid` (Node, Bun and Deno all have
 * `process`), read when a lease is made, never at import.
 */
export function defaultHolderId(): string {
  const process = (globalThis as { process?: ProcessLike }).process
  let host = 'localhost'
  try {
    host = process?.getBuiltinModule?.('node:os')?.hostname?.() ?? host
  } catch {
    // No os module here: the pid still tells the instances of one host apart.
  }
  return `${host}:${process?.pid ?? uniqueToken().slice(0, 8)}`
}

/** A random token that tells apart sessions with the same holder id (two registries in one process). */
export function uniqueToken(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?(): string } }).crypto
  return crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}
