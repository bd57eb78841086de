// Rounds: every figure `pnpm bench` prints is the median of ≥ 3 rounds with
// its min–max, and every target is judged on each round separately, so the
// verdict can say when the machine's noise, not the code, decides it.
import { fmt } from './stats.mjs'

/** Median, min and max of a list of numbers (undefined and NaN left out). */
export function spread(values) {
  const sorted = values.filter((value) => typeof value === 'number' && !Number.isNaN(value)).sort((a, b) => a - b)
  if (sorted.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 }
  const middle = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length }
}

/** `1.23 ms (0.98–1.50)`: a median with its min–max over the rounds. */
export function spreadCell(values, unit = '', digits = 2) {
  const s = spread(values)
  if (s.n === 0) return 'n/a'
  if (s.n === 1) return fmt(s.median, unit, digits)
  return `${fmt(s.median, unit, digits)} (${fmt(s.min, '', digits)}–${fmt(s.max, '', digits)})`
}

/**
 * The verdict of one target over the rounds: `checks` holds one boolean per
 * round. Every round passes → PASS; none → FAIL; a split means the noise of
 * the machine decides it: NOISY, with what the median round says and the
 * count, e.g. `NOISY (2/3 pass)`.
 */
export function roundsVerdict(checks) {
  const passed = checks.filter(Boolean).length
  if (checks.length === 0) return 'n/a'
  if (passed === checks.length) return 'PASS'
  if (passed === 0) return 'FAIL'
  return `NOISY (${passed}/${checks.length} pass)`
}

/** Runs `fn(round)` `count` times, one after the other; resolves the list of results. */
export async function inRounds(count, fn) {
  const results = []
  for (let round = 0; round < count; round++) results.push(await fn(round))
  return results
}
