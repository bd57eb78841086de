import { describeValue } from './errors.ts'
import type { RunSummary } from './types.ts'

/** The parts of a summary that come from what a run returned. */
export interface Outcome {
  success: boolean
  message: string
  extra: Record<string, string>
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    if (value instanceof Error) return `${value.name}: ${value.message}`
    return JSON.stringify(value) ?? String(value)
  } catch {
    // Circular, BigInt, or hostile getters/toString: fall back to what cannot throw.
    try {
      return String(value)
    } catch {
      return Object.prototype.toString.call(value)
    }
  }
}

/** Shared by every run that returns nothing: no outcome object per run. */
const SUCCESS: Outcome = Object.freeze({ success: true, message: '', extra: Object.freeze({}) as Record<string, string> })

/** Turns whatever a run returned into an outcome; unexpected shapes are recorded, not thrown. */
export function outcomeOf(result: unknown): Outcome {
  if (result === undefined || result === null) return SUCCESS
  if (typeof result !== 'object') return { success: true, message: typeof result === 'string' ? result : `returned ${describeValue(result)}`, extra: {} }
  const { success, message, extra } = result as { success?: unknown; message?: unknown; extra?: unknown }
  const out: Record<string, string> = {}
  if (extra !== null && typeof extra === 'object') {
    for (const [key, value] of Object.entries(extra)) out[key] = stringify(value)
  } else if (extra !== undefined) {
    out['extra'] = stringify(extra)
  }
  return {
    success: success !== false,
    message: message === undefined || message === null ? '' : stringify(message),
    extra: out,
  }
}

/** Serialises a thrown value: Errors keep name, message and stack; anything else is described. */
export function errorInfo(error: unknown): NonNullable<RunSummary['error']> {
  try {
    if (!(error instanceof Error || (error !== null && typeof error === 'object' && 'message' in error))) {
      return { name: 'NonErrorThrown', message: `threw ${describeValue(error)}` }
    }
    const { name, message, stack } = error as { name?: unknown; message?: unknown; stack?: unknown }
    const info: NonNullable<RunSummary['error']> = {
      name: typeof name === 'string' ? name : 'Error',
      message: typeof message === 'string' ? message : stringify(message),
    }
    if (typeof stack === 'string') info.stack = stack
    return info
  } catch (thrown) {
    // An error object whose getters throw is still a failed run, recorded as such.
    return { name: 'UnreadableError', message: `reading the thrown value threw: ${stringify(thrown)}` }
  }
}
