/**
 * A tiny test harness that needs nothing but the language: no Vitest, no Node
 * built-ins, no DOM. The same bundle runs on Node, Deno, Bun, a page, a Web
 * Worker and workerd, so everything here must exist in all of them.
 */

/** One registered conformance test. */
export interface Case {
  readonly name: string
  readonly fn: () => void | Promise<void>
}

/** The outcome of one test. */
export interface CaseResult {
  name: string
  ok: boolean
  error?: string
}

/** What {@link runCases} resolves to; every runner prints and returns this. */
export interface SuiteReport {
  runtime: string
  passed: number
  failed: number
  results: CaseResult[]
  /** The printed lines, ending with `N passed, N failed`. */
  lines: string[]
}

const cases: Case[] = []

/** A test still pending after this long has hung; it fails so the runtime can report. Not a speed check. */
const HANG_LIMIT_MS = 15_000

/** Registers a test; it runs when a runner calls {@link runCases}. */
export function test(name: string, fn: () => void | Promise<void>): void {
  cases.push({ name, fn })
}

/** Thrown by the assertions below. */
export class AssertionError extends Error {
  override name = 'AssertionError'
}

function show(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))
  } catch {
    return String(value)
  }
}

/** Fails unless `condition` is truthy. */
export function assert(condition: unknown, message = 'assertion failed'): asserts condition {
  if (!condition) throw new AssertionError(message)
}

/** Fails unless `actual` and `expected` are the same value, or JSON-equal objects and arrays. */
export function equal(actual: unknown, expected: unknown, what = 'value'): void {
  const same = Object.is(actual, expected) || (typeof actual === 'object' && actual !== null && show(actual) === show(expected))
  if (!same) throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`)
}

/** Resolves to the error `fn` throws or rejects with; fails when it does neither. */
export async function rejects(fn: () => unknown): Promise<unknown> {
  try {
    await fn()
  } catch (error) {
    return error
  }
  throw new AssertionError('expected an error, none was thrown')
}

/** Which runtime this is, from feature checks made now (never at import). */
export function runtimeName(): string {
  const g = globalThis as Record<string, unknown> & { navigator?: { userAgent?: string } }
  if (typeof g['Deno'] === 'object') return 'deno'
  if (typeof g['Bun'] === 'object') return 'bun'
  const ua = g.navigator?.userAgent ?? ''
  if (ua.includes('Cloudflare-Workers')) return 'workerd'
  const proc = g['process'] as { versions?: { node?: string } } | undefined
  if (typeof proc?.versions?.node === 'string') return 'node'
  if (typeof g['WorkerGlobalScope'] === 'function' && typeof g['importScripts'] === 'function') return 'web-worker'
  if (typeof g['document'] === 'object') return 'browser'
  return 'unknown'
}

/**
 * Runs every registered test, one after another, printing each result through
 * `print` and a closing `N passed, N failed` line. Never rejects.
 */
export async function runCases(print: (line: string) => void = (line) => console.log(line)): Promise<SuiteReport> {
  const runtime = runtimeName()
  const lines: string[] = []
  const out = (line: string): void => {
    lines.push(line)
    print(line)
  }
  const results: CaseResult[] = []
  out(`tickwork conformance on ${runtime}: ${cases.length} tests`)
  for (const { name, fn } of cases) {
    let hangTimer: ReturnType<typeof setTimeout> | undefined
    try {
      const hung = new Promise<never>((_, reject) => {
        hangTimer = setTimeout(() => reject(new AssertionError(`still pending after ${HANG_LIMIT_MS / 1000} s: it hangs`)), HANG_LIMIT_MS)
      })
      await Promise.race([Promise.resolve().then(fn), hung])
      results.push({ name, ok: true })
      out(`  ok   ${name}`)
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : show(error)
      results.push({ name, ok: false, error: message })
      out(`  FAIL ${name}\n       ${message}`)
    } finally {
      clearTimeout(hangTimer)
    }
  }
  const passed = results.filter((result) => result.ok).length
  const failed = results.length - passed
  out(`${passed} passed, ${failed} failed`)
  return { runtime, passed, failed, results, lines }
}
