import { useState, type ReactNode } from 'react'
import { useTask } from '@tickwork/react'
import { JobCard } from '../components/job-card.tsx'
import { duration } from '../format.ts'
import { rates, RATES_EXPIRE_MS, RATES_MAX_STALE_MS, RATES_WARM_AFTER_MS, type Rates } from '../rates.ts'

/**
 * A `low` cache warmer: refreshes the cached rates before they expire, so a
 * reader (the "Read" button) always gets a hit without waiting on the source.
 * Reads use stale-while-revalidate (`maxStale`): even if the warmer fell
 * behind, a read within {@link RATES_MAX_STALE_MS} past expiry answers at once
 * and refreshes in the background, one refresh for every reader.
 */
export function CacheWarmerJob(): ReactNode {
  const [value, setValue] = useState<{ rates: Rates; updatedAt: number } | undefined>(() => {
    const entry = rates.peek()
    return entry && { rates: entry.value, updatedAt: entry.updatedAt }
  })
  const [read, setRead] = useState<{ hit: 'hit' | 'stale' | 'miss'; ms: number } | null>(null)
  const task = useTask({
    name: 'cache-warmer',
    interval: 1000,
    level: 'low',
    timeout: 5000,
    run: async () => {
      const before = rates.updatedAt
      // Refresh only values older than RATES_WARM_AFTER_MS; younger ones are kept.
      await rates.get({ fresh: true, tolerance: RATES_WARM_AFTER_MS })
      const entry = rates.peek()
      if (entry !== undefined) setValue({ rates: entry.value, updatedAt: entry.updatedAt })
      const refreshed = rates.updatedAt !== before
      return { message: refreshed ? `refreshed: generation ${entry?.value.generation}` : 'still warm', extra: { refreshed } }
    },
  })
  const readNow = () => {
    const started = performance.now()
    const entry = rates.peek()
    const age = entry === undefined ? Infinity : Date.now() - entry.updatedAt
    const hit = age < RATES_EXPIRE_MS ? 'hit' : age < RATES_EXPIRE_MS + RATES_MAX_STALE_MS ? 'stale' : 'miss'
    rates.get({ maxStale: RATES_MAX_STALE_MS }).then(
      () => setRead({ hit, ms: performance.now() - started }),
      () => setRead({ hit: 'miss', ms: performance.now() - started }),
    )
  }
  const cache = rates.status()
  return (
    <JobCard
      task={task}
      title="Cache warmer"
      description={`Low: keeps cached rates (expire ${duration(RATES_EXPIRE_MS)}) warm by refreshing them after ${duration(RATES_WARM_AFTER_MS)}. Reads accept up to ${duration(RATES_MAX_STALE_MS)} past expiry and revalidate in the background.`}
      actions={
        <button type="button" className="chip" onClick={readNow}>
          Read
        </button>
      }
    >
      {value === undefined ? (
        <span className="muted">warming up…</span>
      ) : (
        <>
          <div className="rates">
            <span>
              <small>USD</small> {value.rates.USD.toFixed(4)}
            </span>
            <span>
              <small>GBP</small> {value.rates.GBP.toFixed(4)}
            </span>
            <span>
              <small>JPY</small> {value.rates.JPY.toFixed(2)}
            </span>
          </div>
          <div className="muted" data-testid="cache-generation">
            generation {value.rates.generation}
            {read !== null && ` · last read: ${read.hit === 'stale' ? 'stale, revalidating' : read.hit} in ${duration(read.ms)}`}
            {cache.errorCount > 0 && ` · ${cache.errorCount} source errors`}
          </div>
        </>
      )}
    </JobCard>
  )
}
