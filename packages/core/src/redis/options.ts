import { describeValue, InvalidOptionError, prefix } from '../errors.ts'

interface CommonOptions {
  prefix?: string
  ttlMs?: number
  holderId?: string
}

/** Checks the options of the Redis store and lease, quoting what was received. */
export function checkOptions<T extends CommonOptions>(options: T, where: string): T {
  const who = prefix(where)
  if (options === null || typeof options !== 'object') throw new InvalidOptionError(`${who}options must be an object, got ${describeValue(options)}`)
  if (options.prefix !== undefined && typeof options.prefix !== 'string') {
    throw new InvalidOptionError(`${who}prefix must be a string, got ${describeValue(options.prefix)}`)
  }
  if (options.ttlMs !== undefined && (typeof options.ttlMs !== 'number' || !Number.isFinite(options.ttlMs) || options.ttlMs < 30)) {
    throw new InvalidOptionError(`${who}ttlMs must be a finite number of milliseconds, at least 30, got ${describeValue(options.ttlMs)}`)
  }
  if (options.holderId !== undefined && (typeof options.holderId !== 'string' || options.holderId === '')) {
    throw new InvalidOptionError(`${who}holderId must be a non-empty string, got ${describeValue(options.holderId)}`)
  }
  return options
}
