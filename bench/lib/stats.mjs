// Percentiles and formatting shared by every benchmark.

/** p50/p99/max/min/mean of a list of numbers (ms or anything else). */
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort()
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
  let sum = 0
  for (const value of sorted) sum += value
  return {
    count: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1],
    min: sorted[0],
    mean: sum / sorted.length,
  }
}

/** `1.234` → `"1.23"`, with a unit. */
export function fmt(value, unit = '', digits = 2) {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a'
  return `${value.toFixed(digits)}${unit}`
}

/** A lateness summary as one short cell: `p50/p99/max/min ms`. */
export function latenessCell(s) {
  return `p50 ${fmt(s.p50)} p99 ${fmt(s.p99)} max ${fmt(s.max)} min ${fmt(s.min)} ms`
}
