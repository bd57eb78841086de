import type { ReactElement, ReactNode } from 'react'
import { formatDuration, formatTime } from '../format.ts'
import type { CacheStatus } from '../facet/facet-types.ts'
import { useNow } from '../facet/use-now.ts'
import { FacetControls, type FacetButton } from './facet-controls.tsx'

function Stat({ label, title, children, warn = false }: { label: string; title: string; children: ReactNode; warn?: boolean }): ReactElement {
  return (
    <div title={title}>
      <dt>{label}</dt>
      <dd className={warn ? 'failed-count' : undefined}>{children}</dd>
    </div>
  )
}

/** `in 4.0 s`, `expired 2.0 s ago`, or `—`. */
function expiry(expiresAt: number | null, now: number): string {
  if (expiresAt === null) return '—'
  const left = expiresAt - now
  return left > 0 ? `in ${formatDuration(left)}` : `expired ${formatDuration(-left)} ago`
}

/**
 * A cached value as a cache: how old the value is, when it expires, when it
 * was last refreshed and how its source failed, with refresh and invalidate.
 */
export function CacheView({ name, cache }: { name: string; cache: CacheStatus }): ReactElement {
  const now = useNow()
  const expired = cache.expiresAt !== null && cache.expiresAt <= now
  const state = cache.refreshing ? 'refreshing' : !cache.hasValue ? 'empty' : expired ? 'stale' : 'fresh'
  const buttons: FacetButton[] = [
    { action: 'refresh', text: 'Refresh', long: 'Refresh: produce the value again now', enabled: !cache.refreshing },
    { action: 'invalidate', text: 'Invalidate', long: 'Invalidate: drop the held value', enabled: cache.hasValue },
  ]
  return (
    <section className="facet cache" aria-label={`Cache ${name}`}>
      <h3 className="facet-title">
        Cache <span className={`facet-state c-${state}`}>{state}</span>
      </h3>
      <dl className="facet-stats">
        <Stat label="age" title="Time since the held value was produced">
          {cache.updatedAt === null || !cache.hasValue ? '—' : formatDuration(Math.max(0, now - cache.updatedAt))}
        </Stat>
        <Stat label="expires" title="When the held value stops being fresh" warn={expired}>
          {cache.hasValue ? expiry(cache.expiresAt, now) : '—'}
        </Stat>
        <Stat label="last refresh" title="When the value was last produced">
          {cache.updatedAt === null ? 'never' : formatTime(cache.updatedAt)}
        </Stat>
        <Stat label="source errors" title="Times the source function failed" warn={cache.errorCount > 0}>
          {cache.errorCount}
        </Stat>
      </dl>
      {cache.lastError !== null ? (
        <div className="facet-error" role="note" aria-label="Last source error">
          <strong>{cache.lastError.name}</strong>: {cache.lastError.message} <span className="dim">at {formatTime(cache.lastError.at)}</span>
        </div>
      ) : null}
      <FacetControls name={name} label="Cache" buttons={buttons} />
    </section>
  )
}
