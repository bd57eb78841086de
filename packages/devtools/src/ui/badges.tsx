import type { TaskLevel } from '@tickwork/core'
import type { RunnerRole } from '@tickwork/core/bridge'
import type { ReactElement } from 'react'
import type { ShownState } from '../store/filter-sort.ts'

/** The level as a coloured pill. */
export function LevelBadge({ level }: { level: TaskLevel }): ReactElement {
  return <span className={`badge level level-${level}`}>{level}</span>
}

/** The state with a dot; `running` pulses. */
export function StateBadge({ state }: { state: ShownState }): ReactElement {
  return (
    <span className={`state state-${state}`}>
      <span className="dot" aria-hidden="true" />
      {state}
    </span>
  )
}

const RUNNER_TEXT: Record<RunnerRole, string> = { this: 'runner: this tab', other: 'runner: other tab', 'local-only': 'runner: local only' }

/** Who runs a single-runner task. */
export function RunnerBadge({ runner }: { runner: RunnerRole }): ReactElement {
  return <span className={`badge runner runner-${runner}`}>{RUNNER_TEXT[runner]}</span>
}
