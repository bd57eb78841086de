import type { TaskAction, TaskView } from '@tickwork/core/bridge'

/** The controls that apply to every task the list shows at once. */
export type BulkAction = Extract<TaskAction, 'pause' | 'resume' | 'stop' | 'trigger'>

/** Every {@link BulkAction}, in the order the menu shows them. */
export const BULK_ACTIONS: readonly BulkAction[] = ['pause', 'resume', 'stop', 'trigger']

/** Above this many tasks a bulk action asks before it acts. */
export const CONFIRM_ABOVE = 10

/** Button words of each action. */
export const BULK_LABELS: Record<BulkAction, string> = { pause: 'Pause', resume: 'Resume', stop: 'Stop', trigger: 'Run now' }

/** True when `action` would do something to the task: a bulk action skips the rest rather than fail on them. */
export function appliesTo(view: TaskView, action: BulkAction): boolean {
  const { state, isRunning } = view.status
  switch (action) {
    case 'pause':
      return isRunning && state !== 'paused'
    case 'resume':
      return state === 'paused'
    case 'stop':
      return isRunning
    case 'trigger':
      return state !== 'running'
  }
}

/** The names among `names` (the filtered list, in its order) that `action` applies to. */
export function bulkTargets(names: readonly string[], tasks: Readonly<Record<string, TaskView>>, action: BulkAction): string[] {
  return names.filter((name) => {
    const view = tasks[name]
    return view !== undefined && appliesTo(view, action)
  })
}
