import { useEffect, useRef, useState, type ReactNode } from 'react'
import { IrrecoverableError } from '@tickwork/core'
import { useTask, useTaskStatus } from '@tickwork/react'
import { JobCard } from '../components/job-card.tsx'

const VALID_CHECKS = 3

/**
 * A task that fails for good: after three checks the "license" is revoked
 * and the run throws `IrrecoverableError`, which ends the loop with
 * `state: 'failed'` and the error as its reason. Any other error would be
 * recorded and retried on the next tick.
 */
export function LicenseJob(): ReactNode {
  const checks = useRef(0)
  const [left, setLeft] = useState(VALID_CHECKS)
  const task = useTask({
    name: 'license-check',
    interval: 1000,
    level: 'medium',
    run: () => {
      checks.current++
      if (checks.current > VALID_CHECKS) throw new IrrecoverableError('license revoked by the server (HTTP 403)')
      setLeft(VALID_CHECKS - checks.current)
      return `license valid (${VALID_CHECKS - checks.current} checks left)`
    },
  })
  // A new loop (the Restart button, or Start in the devtools panel) gets three
  // fresh checks. Reset on the synchronous stateChanged event, before any run.
  useEffect(() => {
    let previous = task.state
    return task.subscribe((event) => {
      if (event.type !== 'stateChanged') return
      const ended = previous === 'failed' || previous === 'stopped' || previous === 'idle'
      if (ended && event.state === 'scheduled') {
        checks.current = 0
        setLeft(VALID_CHECKS)
      }
      previous = event.state
    })
  }, [task])
  const failed = useTaskStatus(task)?.state === 'failed'
  return (
    <JobCard
      task={task}
      title="License check"
      description="Throws IrrecoverableError after three checks: the loop stops and the card shows why."
      actions={
        <button type="button" className="chip" onClick={() => task.start()}>
          Restart
        </button>
      }
    >
      {failed ? <span className="bad">stopped for good</span> : <span><span className="big">{left}</span> {left === 1 ? 'check' : 'checks'} before revocation</span>}
    </JobCard>
  )
}
