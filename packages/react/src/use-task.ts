import { useEffect, useMemo, useRef, useState } from 'react'
import { consoleLogger, InvalidOptionError, isTask, Task, type RunContext, type RunFunction, type RunSummary, type TaskOptions, type TaskRegistry, type TaskUpdate } from '@tickwork/core'
import { describeValue } from '@tickwork/core/bridge'
import { useIsomorphicLayoutEffect } from './isomorphic-layout-effect.ts'
import { resolveRegistry } from './resolve-registry.ts'

/** Options of {@link useTask}: a task's options, minus `autoRegister`. */
export interface UseTaskOptions extends Omit<TaskOptions, 'autoRegister'> {
  /** Registry the task lives in while the component is mounted. Default: the default registry. */
  registry?: TaskRegistry
  /** Start the loop on mount. Default true; with false the task is registered but idle. */
  autoStart?: boolean
}

/** Options of {@link useTask} when it adopts a task made elsewhere. */
export interface AdoptTaskOptions {
  /** Start the task on mount when its loop is not live. Default true. */
  autoStart?: boolean
}

/** Options a mounted task follows live through `task.update()`, without restarting. */
const LIVE_KEYS = ['interval', 'level', 'timeout', 'maxRuns', 'until'] as const

type LiveOptions = Pick<TaskUpdate, (typeof LIVE_KEYS)[number]>

function liveUpdate(previous: LiveOptions, next: LiveOptions): TaskUpdate | undefined {
  const changes: Record<string, unknown> = {}
  let changed = false
  for (const key of LIVE_KEYS) {
    if (previous[key] !== next[key]) {
      changes[key] = next[key]
      changed = true
    }
  }
  return changed ? (changes as TaskUpdate) : undefined
}

/**
 * Creates a task for the lifetime of a component, or adopts one made
 * elsewhere.
 *
 * With options, it builds the task during render without side effects, then
 * on mount registers it and starts it; on unmount it unregisters it, which
 * stops the loop and aborts a run in flight. React StrictMode's
 * mount → unmount → mount therefore leaves exactly one registered task and one
 * pending wake-up: the first wake-up is cancelled synchronously before it can
 * fire, so there is no double run and no duplicate-name error.
 *
 * `run` and `onError` are read from the latest render (through refs), so an
 * inline closure never restarts the schedule. `interval`, `level`, `timeout`,
 * `maxRuns` and `until` changes are applied with `task.update()`; a new `name`
 * or `registry` makes a new task.
 *
 * With a `Task`, it starts the task on mount (unless `autoStart: false`) and
 * leaves it registered and running on unmount: its owner decides its lifetime.
 *
 * @example
 * function Clock() {
 *   const [now, setNow] = useState('')
 *   const task = useTask({ name: 'clock', interval: 1000, run: () => setNow(new Date().toLocaleTimeString()) })
 *   const status = useTaskStatus(task)
 *   return <p>{now} ({status?.totalRuns} runs)</p>
 * }
 */
export function useTask(options: UseTaskOptions): Task
export function useTask(task: Task, options?: AdoptTaskOptions): Task
export function useTask(input: UseTaskOptions | Task, adoptOptions?: AdoptTaskOptions): Task {
  const adopted = isTask(input) ? (input as Task) : undefined
  const options = adopted === undefined ? input : undefined
  if (adopted === undefined && (options === null || typeof options !== 'object')) {
    throw new InvalidOptionError(`[tickwork] useTask: needs task options or a Task, got ${describeValue(input)}`)
  }
  const own = options as UseTaskOptions | undefined
  if (own !== undefined && typeof own.run !== 'function') {
    throw new InvalidOptionError(`[tickwork] useTask: task "${String(own.name)}": run must be a function, got ${describeValue(own.run)}`)
  }

  const runRef = useRef<RunFunction | undefined>(own?.run)
  const onErrorRef = useRef<TaskOptions['onError']>(own?.onError)
  useIsomorphicLayoutEffect(() => {
    runRef.current = own?.run
    onErrorRef.current = own?.onError
  })

  const registry = own === undefined ? undefined : resolveRegistry(own.registry, 'useTask')
  const name = own?.name
  // Building a Task has no side effects (no registration, no timer), so a
  // render React throws away (StrictMode renders twice) leaks nothing.
  const created = useMemo(() => {
    if (own === undefined) return undefined
    const { autoStart: _autoStart, registry: _registry, run: _run, onError, ...rest } = own
    const taskOptions: TaskOptions = {
      ...rest,
      autoRegister: false,
      run: (ctx: RunContext) => (runRef.current as RunFunction)(ctx),
    }
    if (registry !== undefined) taskOptions.registry = registry
    if (onError !== undefined) {
      const logger = own.logger ?? consoleLogger
      taskOptions.onError = (error: unknown, summary: RunSummary) => {
        const current = onErrorRef.current
        if (current !== undefined) current(error, summary)
        else logger.warn(`[tickwork] task "${rest.name}": run ${summary.runIndex} failed: ${summary.message}`, error)
      }
    }
    return new Task(taskOptions)
    // The task is rebuilt only for a new identity; other options follow live below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [adopted, registry, name])

  const task = (adopted ?? created) as Task
  const autoStart = (own?.autoStart ?? adoptOptions?.autoStart) !== false
  // Rethrows an effect's error during render: React 18 hands an error thrown
  // in an effect to no error boundary (it is uncaught), one thrown while
  // rendering reaches the nearest boundary in every version.
  const [, rethrow] = useState<undefined>(undefined)

  useEffect(() => {
    if (created === undefined || registry === undefined) {
      if (autoStart && !task.isRunning) task.start()
      return undefined
    }
    try {
      registry.register(created)
    } catch (error) {
      rethrow(() => {
        throw error
      })
      return undefined
    }
    if (autoStart) created.start()
    return () => {
      // Stops the loop at once (cancelling its pending wake-up) and frees the name.
      if (registry.get(created.name) === created) registry.unregister(created.name)
      else void created.stop()
    }
    // autoStart is read on mount only: later the panel or the app controls the loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [task, created, registry])

  const live: LiveOptions = {}
  if (own !== undefined) for (const key of LIVE_KEYS) if (own[key] !== undefined) (live as Record<string, unknown>)[key] = own[key]
  const liveRef = useRef<{ task: Task; live: LiveOptions } | undefined>(undefined)
  useEffect(() => {
    if (created === undefined) return
    const previous = liveRef.current
    liveRef.current = { task: created, live }
    if (previous === undefined || previous.task !== created) return
    const changes = liveUpdate(previous.live, live)
    if (changes !== undefined) created.update(changes)
  })

  return task
}
