import { useRef, useState, type ReactNode } from 'react'
import { useTask } from '@tickwork/react'
import { JobCard } from '../components/job-card.tsx'
import { clockTime } from '../format.ts'

interface ClickEvent {
  kind: string
  at: number
}

const KINDS = ['like', 'share', 'save'] as const

/**
 * A `medium` metrics flusher: clicks are batched in memory and sent in one
 * POST every 3 s. A failed POST puts the batch back, so nothing is lost.
 */
export function MetricsJob(): ReactNode {
  const batch = useRef<ClickEvent[]>([])
  const [pending, setPending] = useState(0)
  const [last, setLast] = useState<{ sent: number; total: number; at: number } | null>(null)
  const task = useTask({
    name: 'metrics-flusher',
    interval: 3000,
    level: 'medium',
    timeout: 5000,
    run: async ({ signal }) => {
      const events = batch.current
      if (events.length === 0) return 'nothing to flush'
      batch.current = []
      try {
        const response = await fetch('/api/metrics', { method: 'POST', body: JSON.stringify(events), headers: { 'content-type': 'application/json' }, signal })
        if (!response.ok) throw new Error(`HTTP ${response.status}`)
        const body = (await response.json()) as { accepted: number; total: number }
        setLast({ sent: body.accepted, total: body.total, at: Date.now() })
        setPending(batch.current.length)
        return { message: `flushed ${body.accepted} clicks`, extra: { total: body.total } }
      } catch (error) {
        batch.current = [...events, ...batch.current]
        throw error
      }
    },
  })
  const record = (kind: string) => {
    batch.current.push({ kind, at: Date.now() })
    setPending(batch.current.length)
  }
  return (
    <JobCard task={task} title="Metrics flusher" description="Medium: batches your clicks and flushes them to /api/metrics every 3 s.">
      <div className="row">
        {KINDS.map((kind) => (
          <button key={kind} type="button" className="chip" onClick={() => record(kind)}>
            {kind}
          </button>
        ))}
        <span className="pending" data-testid="pending-clicks">
          <span className="big">{pending}</span> pending
        </span>
      </div>
      <div className="muted" data-testid="last-flush">
        {last === null ? 'no flush yet: click a button' : `flushed ${last.sent} at ${clockTime(last.at)} · ${last.total} received by the server`}
      </div>
    </JobCard>
  )
}
