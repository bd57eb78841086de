import { createTask, getDefaultRegistry, type Task } from '@tickwork/core'

const NAME = 'leader: digest'

/**
 * A task that runs in one tab of the origin at a time (`exclusive: 'tabs'`):
 * open the demo in two tabs and only one runs it; close that one and the
 * other takes over within an interval. The panel shows which tab runs it.
 */
export function startSingleRunnerTask(): Task {
  const task =
    getDefaultRegistry().get(NAME) ??
    createTask({
      name: NAME,
      interval: 5000,
      level: 'medium',
      exclusive: 'tabs',
      run: () => ({ message: 'digest sent once for all tabs', extra: { tab: document.visibilityState } }),
    })
  task.start()
  return task
}
