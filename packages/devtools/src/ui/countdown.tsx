import type { ReactElement } from 'react'
import { useSyncExternalStore } from 'react'
import { formatCountdown, UPDATES_PAUSED } from '../format.ts'
import { useEnvironment } from './environment.tsx'
import { useSourceState, useSourceStore } from './source-context.tsx'

/** Time to the next run, re-rendered by the panel's one shared ticker; "updates paused" while live updates are. */
export function Countdown({ nextRunAt }: { nextRunAt: number | null }): ReactElement {
  const { ticker } = useEnvironment()
  const { source } = useSourceStore()
  // With live updates paused the next-run times are frozen: counting down to them would show every task as "due".
  const paused = useSourceState((state) => state.paused)
  // Subscribing only when something is scheduled (and shown live) keeps idle rows off the ticker.
  useSyncExternalStore(nextRunAt === null || paused ? noSubscribe : ticker.subscribe, ticker.getSnapshot, serverSnapshot)
  const now = source.now?.() ?? Date.now()
  const text = formatCountdown(nextRunAt, now, paused)
  return (
    <span className={`countdown${text === UPDATES_PAUSED ? ' frozen' : ''}`} title={text === UPDATES_PAUSED ? 'Live updates are paused: resume them to see the countdown' : undefined}>
      {text}
    </span>
  )
}

const noSubscribe = (): (() => void) => () => {}
const serverSnapshot = (): number => 0
