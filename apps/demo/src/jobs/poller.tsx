import { useState, type ReactNode } from 'react'
import { useTask } from '@tickwork/react'
import { JobCard } from '../components/job-card.tsx'
import { duration } from '../format.ts'

interface Outcome {
  ok: boolean
  text: string
  ms: number
}

const TIMEOUT_MS = 1200

/**
 * A `high` poller of `/api/status`, a dev-server endpoint that answers slowly
 * or fails at random. Each run has a timeout: `ctx.signal` aborts the fetch.
 */
export function PollerJob(): ReactNode {
  const [outcomes, setOutcomes] = useState<Outcome[]>([])
  const push = (outcome: Outcome) => setOutcomes((previous) => [...previous.slice(-19), outcome])
  const task = useTask({
    name: 'status-poller',
    interval: 2000,
    level: 'high',
    timeout: TIMEOUT_MS,
    run: async ({ signal }) => {
      const started = performance.now()
      try {
        const response = await fetch('/api/status', { signal, cache: 'no-store' })
        const body = (await response.json()) as { load?: number; request?: number; error?: string }
        const ms = performance.now() - started
        if (!response.ok) {
          push({ ok: false, text: `HTTP ${response.status}: ${body.error ?? 'failed'}`, ms })
          return { success: false, message: `HTTP ${response.status}`, extra: { ms: Math.round(ms) } }
        }
        push({ ok: true, text: `request #${body.request} · load ${body.load}%`, ms })
        return { message: `load ${body.load}%`, extra: { ms: Math.round(ms) } }
      } catch (error) {
        const ms = performance.now() - started
        const aborted = signal.aborted
        push({ ok: false, text: aborted ? `timed out after ${TIMEOUT_MS} ms` : String(error), ms })
        throw error
      }
    },
  })
  const last = outcomes.at(-1)
  return (
    <JobCard task={task} title="Status poller" description={`High: fetches /api/status every 2 s with a ${duration(TIMEOUT_MS)} timeout per run; the server is slow or failing at random.`}>
      {last === undefined ? (
        <span className="muted">first request in flight…</span>
      ) : (
        <>
          <div className={last.ok ? 'ok' : 'bad'}>
            <span className="big">{last.ok ? '200' : '✕'}</span> {last.text} <span className="muted">({duration(last.ms)})</span>
          </div>
          <div className="bars" aria-label="latest requests">
            {outcomes.map((outcome, i) => (
              <span key={i} className={`bar ${outcome.ok ? 'bar-ok' : 'bar-bad'}`} style={{ height: `${Math.max(12, Math.min(100, (outcome.ms / TIMEOUT_MS) * 100))}%` }} />
            ))}
          </div>
        </>
      )}
    </JobCard>
  )
}
