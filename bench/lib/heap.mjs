// Heap readings for child processes started with --expose-gc (Node only).

const gc = globalThis.gc

/** Throws unless the process runs with --expose-gc: a heap figure without a full GC means nothing. */
export function requireGc() {
  if (typeof gc !== 'function') throw new Error('run with --expose-gc')
}

/** Bytes of heap in use after two full collections (the second one frees what finalizers let go). */
export function heapAfterGc() {
  requireGc()
  gc()
  gc()
  return process.memoryUsage().heapUsed
}
