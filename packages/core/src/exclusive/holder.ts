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
  // No process (an edge isolate): a random id still tells the instances apart.
  return `${host}:${process?.pid ?? Math.random().toString(36).slice(2, 10)}`
}
