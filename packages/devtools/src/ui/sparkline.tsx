import type { RunSummary } from '@tickwork/core'
import type { ReactElement } from 'react'

/** Props of {@link Sparkline}. */
export interface SparklineProps {
  history: readonly RunSummary[]
  /** Most recent runs drawn. Default 24. */
  points?: number
  width?: number
  height?: number
}

/** Recent run durations as a line, failed runs as red dots. Plain SVG: no chart library. */
export function Sparkline({ history, points = 24, width = 84, height = 20 }: SparklineProps): ReactElement {
  const runs = history.slice(-points)
  if (runs.length === 0) {
    return <svg className="spark" width={width} height={height} aria-hidden="true" />
  }
  const max = Math.max(1, ...runs.map((run) => run.durationMs))
  const step = runs.length > 1 ? (width - 4) / (points - 1) : 0
  const offset = width - 2 - step * (runs.length - 1)
  const coords = runs.map((run, index) => ({
    x: runs.length > 1 ? offset + index * step : width - 2,
    y: height - 2 - (run.durationMs / max) * (height - 4),
    failed: !run.success,
  }))
  const label = `last ${runs.length} runs, longest ${Math.round(max)} ms, ${coords.filter((c) => c.failed).length} failed`
  return (
    <svg className="spark" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {coords.length > 1 ? (
        <polyline className="spark-line" fill="none" points={coords.map((c) => `${c.x.toFixed(1)},${c.y.toFixed(1)}`).join(' ')} />
      ) : null}
      {coords.length === 1 && coords[0] !== undefined && !coords[0].failed ? <circle className="spark-dot" cx={coords[0].x} cy={coords[0].y} r={1.8} /> : null}
      {coords.map((c, index) =>
        c.failed ? <circle key={index} className="spark-fail" data-failed="true" cx={c.x} cy={c.y} r={2.2} /> : null,
      )}
    </svg>
  )
}
