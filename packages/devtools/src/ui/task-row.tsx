import type { MemoExoticComponent, ReactElement } from 'react'
import { memo } from 'react'
import { formatDuration, formatRate, formatSchedule } from '../format.ts'
import { shownState } from '../store/filter-sort.ts'
import { LevelBadge, RunnerBadge, StateBadge } from './badges.tsx'
import { Countdown } from './countdown.tsx'
import { useTaskView } from './source-context.tsx'
import { Sparkline } from './sparkline.tsx'

/** Props of {@link TaskRow}. */
export interface TaskRowProps {
  name: string
  selected: boolean
  onSelect: (name: string) => void
  /** Offset from the list's top in px, from the virtualiser; a number (not a style object) keeps `memo` effective. */
  top?: number
}

/** Row height in px: fixed, so the virtualiser never measures. */
export const ROW_HEIGHT = 34

/** One task in the list. Selects only its own task from the store. */
export const TaskRow: MemoExoticComponent<(props: TaskRowProps) => ReactElement | null> = memo(function TaskRow({ name, selected, onSelect, top }: TaskRowProps): ReactElement | null {
  const view = useTaskView(name)
  if (view === undefined) return null
  const { status, config, history } = view
  const last = status.lastSummary
  return (
    <div
      role="option"
      id={`tw-row-${name}`}
      aria-selected={selected}
      className={`row${selected ? ' selected' : ''}${last !== null && !last.success ? ' last-failed' : ''}`}
      data-task={name}
      style={top === undefined ? undefined : { transform: `translateY(${top}px)` }}
      onClick={() => onSelect(name)}
    >
      <span className="cell name" title={name}>
        <span className="name-text">{name}</span>
        {view.runner !== undefined ? <RunnerBadge runner={view.runner} /> : null}
      </span>
      <span className="cell lvl">
        <LevelBadge level={status.level} />
      </span>
      <span className="cell st">
        <StateBadge state={shownState(view)} />
      </span>
      <span className="cell num interval" title={formatSchedule(config.schedule)}>
        {status.interval === null ? formatSchedule(config.schedule) : formatDuration(status.interval)}
      </span>
      <span className="cell num next">
        <Countdown nextRunAt={status.nextRunAt} />
      </span>
      <span className="cell num dur" title="Duration of the last run">{formatDuration(last?.durationMs)}</span>
      <span className="cell num rate" title="Share of successful runs">{formatRate(status.successRate)}</span>
      <span className="cell num runs" title={`${status.totalRuns} runs, ${status.failedRuns} failed`}>
        {status.totalRuns}
        {status.failedRuns > 0 ? <span className="failed-count">/{status.failedRuns}</span> : null}
      </span>
      <span className="cell spark-cell">
        <Sparkline history={history} />
      </span>
    </div>
  )
})
