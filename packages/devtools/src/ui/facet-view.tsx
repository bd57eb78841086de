import type { TaskView } from '@tickwork/core/bridge'
import type { ReactElement } from 'react'
import { CacheView } from './cache-view.tsx'
import { QueueView } from './queue-view.tsx'

/** What a task stands for, when it stands for a queue or a cache; nothing otherwise. */
export function FacetView({ view }: { view: TaskView }): ReactElement | null {
  const facet = view.facet
  if (facet === undefined) return null
  return facet.kind === 'queue' ? <QueueView name={view.status.name} queue={facet} /> : <CacheView name={view.status.name} cache={facet} />
}
