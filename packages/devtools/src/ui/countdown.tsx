import type { ReactElement } from 'react'
import { useSyncExternalStore } from 'react'
import { formatCountdown } from '../format.ts'
import { useEnvironment } from './environment.tsx'
import { useSourceStore } from './source-context.tsx'

/** Time to the next run, re-rendered by the panel's one shared ticker. */
export function Countdown({ nextRunAt }: { nextRunAt: number | null }): ReactElement {
  const { ticker } = useEnvironment()
  const { source } = useSourceStore()
  // Subscribing only when something is scheduled keeps idle rows off the ticker.
  useSyncExternalStore(nextRunAt === null ? noSubscribe : ticker.subscribe, ticker.getSnapshot, serverSnapshot)
  const now = source.now?.() ?? Date.now()
  return <span className="countdown">{formatCountdown(nextRunAt, now)}</span>
}

const noSubscribe = (): (() => void) => () => {}
const serverSnapshot = (): number => 0
