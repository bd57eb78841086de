import { useState, type ReactNode } from 'react'
import { useTask } from '@tickwork/react'
import { JobCard } from '../components/job-card.tsx'
import { clockTime } from '../format.ts'

/** A `critical` heartbeat: proves the page is alive, once a second. */
export function HeartbeatJob(): ReactNode {
  const [beat, setBeat] = useState<{ n: number; at: number } | null>(null)
  const task = useTask({
    name: 'heartbeat',
    interval: 1000,
    level: 'critical',
    run: ({ runIndex }) => {
      const at = Date.now()
      setBeat({ n: runIndex + 1, at })
      return { message: `beat ${runIndex + 1}`, extra: { at: clockTime(at) } }
    },
  })
  return (
    <JobCard task={task} title="Heartbeat" description="Critical: runs first when several jobs are due, stops last on shutdown.">
      {beat === null ? (
        <span className="muted">waiting for the first beat…</span>
      ) : (
        <div className="beat">
          <span key={beat.n} className="pulse" aria-hidden />
          <span className="big">#{beat.n}</span>
          <span className="muted">at {clockTime(beat.at)}</span>
        </div>
      )}
    </JobCard>
  )
}
