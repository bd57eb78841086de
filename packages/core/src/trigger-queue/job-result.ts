import { errorInfo, outcomeOf } from '../run-result.ts'
import type { RunResult } from '../types.ts'
import type { JobResult } from './types.ts'

/**
 * How a job ended, from what it returned or threw, and the error to report
 * when it failed. A result whose getters throw is a failed job, never a job
 * left running.
 */
export function jobResult(value: unknown, error: unknown, threw: boolean, durationMs: number): { result: JobResult; error: unknown } {
  if (!threw) {
    try {
      const { success, message } = outcomeOf(value)
      return { result: { success, durationMs, message }, error: success ? undefined : new Error(message || 'job reported failure') }
    } catch (thrown) {
      error = thrown
    }
  }
  const info = errorInfo(error)
  return { result: { success: false, durationMs, message: info.message, error: info }, error }
}

/** A working session's summary for the worker's history: its jobs, how many failed, and their keys. */
export function sessionResult(keys: readonly string[], failed: number): RunResult {
  const jobs = keys.length
  if (jobs === 0) return { message: 'nothing pending' }
  const shown = keys.slice(0, 5).join(', ') + (jobs > 5 ? ', …' : '')
  return {
    success: failed === 0,
    message: `${jobs} job${jobs === 1 ? '' : 's'}${failed > 0 ? `, ${failed} failed` : ''}: ${shown}`,
    extra: { jobs, failed, keys: keys.slice(0, 20).join(',') },
  }
}
