import { describeValue } from '../errors.ts'

/**
 * Thrown while reading a message that does not match the protocol. It never
 * leaves the bridge: the message is dropped and counted as malformed.
 */
export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError'
}

/** Longest string a peer may send (names, messages, error stacks). */
export const MAX_STRING = 64_000
/** Most items in one array a peer may send (tasks in a snapshot, runs in a history). */
export const MAX_ITEMS = 10_000

function malformed(path: string, expected: string, got: unknown): never {
  throw new MalformedMessageError(`${path} must be ${expected}, got ${describeValue(got)}`)
}

/** A plain object (not an array, not null) whose keys can be read safely. */
export function record(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) malformed(path, 'an object', value)
  return value as Record<string, unknown>
}

export function string(value: unknown, path: string, max: number = MAX_STRING): string {
  if (typeof value !== 'string' || value.length > max) malformed(path, `a string of at most ${max} characters`, value)
  return value
}

export function nonEmptyString(value: unknown, path: string, max = 1000): string {
  if (typeof value !== 'string' || value === '' || value.length > max) malformed(path, `a non-empty string of at most ${max} characters`, value)
  return value
}

export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') malformed(path, 'a boolean', value)
  return value
}

/** A finite number, optionally at least `min` and an integer. */
export function number(value: unknown, path: string, min: number = -Infinity, integer: boolean = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    malformed(path, `a finite ${integer ? 'integer' : 'number'}${min > -Infinity ? ` ≥ ${min}` : ''}`, value)
  }
  return value
}

export function nullableNumber(value: unknown, path: string, min: number = -Infinity): number | null {
  return value === null ? null : number(value, path, min)
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) malformed(path, `one of ${allowed.join(', ')}`, value)
  return value as T
}

export function array(value: unknown, path: string, max: number = MAX_ITEMS): unknown[] {
  if (!Array.isArray(value) || value.length > max) malformed(path, `an array of at most ${max} items`, value)
  return value
}

/** Keys a peer could use to reach prototypes; a clean copy never takes them. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** A record of strings (a run's `extra`), copied onto a fresh object. */
export function stringRecord(value: unknown, path: string): Record<string, string> {
  const source = record(value, path)
  const copy: Record<string, string> = {}
  const keys = Object.keys(source)
  if (keys.length > 1000) malformed(path, 'an object of at most 1000 keys', value)
  for (const key of keys) {
    if (UNSAFE_KEYS.has(key)) malformed(`${path}.${key}`, 'absent', source[key])
    copy[key] = string(source[key], `${path}.${key}`)
  }
  return copy
}

/**
 * Copies the keys of `source` not in `known` whose values are primitives, so
 * a newer peer's additional fields reach the panel without being trusted.
 */
export function extraPrimitives(source: Record<string, unknown>, known: readonly string[], target: object): void {
  for (const key of Object.keys(source)) {
    if (known.includes(key) || UNSAFE_KEYS.has(key)) continue
    const value = source[key]
    if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= MAX_STRING)) {
      ;(target as Record<string, unknown>)[key] = value
    }
  }
}
