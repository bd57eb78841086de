import { createCachedValue } from '@tickwork/core/cache'

/** Exchange rates against EUR, as the (simulated) rates service returns them. */
export interface Rates {
  USD: number
  GBP: number
  JPY: number
  /** Which generation of the value this is: 1 for the first fetch. */
  generation: number
}

/** Ms a value stays usable; `get()` refreshes an older one. */
export const RATES_EXPIRE_MS = 8_000
/** The warmer refreshes values older than this, before they expire, so readers always hit. */
export const RATES_WARM_AFTER_MS = 4_000
/** A read accepts a value this long past expiry at once, and refreshes it in the background (stale-while-revalidate). */
export const RATES_MAX_STALE_MS = 8_000

let generation = 0
let last: Rates = { USD: 1.08, GBP: 0.85, JPY: 162.4, generation: 0 }

const drift = (value: number, digits: number): number => Number((value * (1 + (Math.random() - 0.5) * 0.004)).toFixed(digits))

/** A slow source: 250 ms of "network", then rates that drift a little each time. */
async function fetchRates(signal: AbortSignal): Promise<Rates> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, 250)
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason)
      },
      { once: true },
    )
  })
  last = { USD: drift(last.USD, 4), GBP: drift(last.GBP, 4), JPY: drift(last.JPY, 2), generation: ++generation }
  return last
}

/**
 * The cached rates. No `refreshEvery`: the cache-warmer card keeps it warm
 * with its own `useTask`, so the task lives exactly as long as the card.
 * Source failures go to `onError` (here: the console), and the old rates are kept.
 */
export const rates = createCachedValue<Rates>({
  name: 'rates',
  expire: RATES_EXPIRE_MS,
  source: ({ signal }) => fetchRates(signal),
})
