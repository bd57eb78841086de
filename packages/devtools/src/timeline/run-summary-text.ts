import type { RunSummary } from '@tickwork/core'
import { formatDuration, formatTime } from '../format.ts'
import { runKind } from './timeline-model.ts'

const RESULT: Record<ReturnType<typeof runKind>, string> = { ok: 'ok', fail: 'failed', timeout: 'timed out' }

/** The lines of a run's hover summary: what, when, how long, how late, and its message. */
export function runSummaryLines(name: string, run: RunSummary): string[] {
  const kind = runKind(run)
  const head = `${name} #${run.runIndex} · ${RESULT[kind]}${run.trigger === 'manual' ? ' · manual' : ''}`
  const timing = `${formatTime(run.timestamp)} · took ${formatDuration(run.durationMs)}${run.lateMs > 0 ? ` · ${formatDuration(run.lateMs)} late` : ''}`
  const lines = [head, timing]
  const detail = kind === 'ok' ? run.message : `${run.error?.name ?? 'Failed'}: ${run.error?.message ?? run.message}`
  if (detail !== '') lines.push(detail.length > 160 ? `${detail.slice(0, 159)}…` : detail)
  return lines
}
