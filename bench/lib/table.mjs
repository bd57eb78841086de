// The one table `pnpm bench` prints: item, subject, measured, target, verdict.

/**
 * A row; `verdict` is true/false against a target, a verdict string
 * (`roundsVerdict()` of lib/rounds.mjs), or undefined for a comparison row.
 */
export function row(item, subject, measured, target = '', verdict = undefined) {
  const shown = verdict === undefined ? '' : typeof verdict === 'string' ? verdict : verdict ? 'PASS' : 'FAIL'
  return { item, subject, measured, target, verdict: shown }
}

/** Renders rows as a fixed-width text table. */
export function renderTable(rows) {
  const headers = { item: '#', subject: 'benchmark', measured: 'measured', target: 'target', verdict: 'verdict' }
  const keys = Object.keys(headers)
  const width = Object.fromEntries(keys.map((key) => [key, Math.max(headers[key].length, ...rows.map((r) => String(r[key]).length))]))
  const line = (r) => keys.map((key) => String(r[key]).padEnd(width[key])).join(' | ').trimEnd()
  const rule = keys.map((key) => '-'.repeat(width[key])).join('-|-')
  return [line(headers), rule, ...rows.map(line)].join('\n')
}
