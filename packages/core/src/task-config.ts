import type { TaskLevel } from './levels.ts'
import { consoleLogger, type Logger } from './logger.ts'
import { fixedDelay, sharedFixedDelay } from './schedule.ts'
import type { Schedule, TaskOptions } from './types.ts'

/** Options `task.update()` accepts. */
export type TaskUpdate = Partial<Pick<TaskOptions, 'interval' | 'schedule' | 'level' | 'timeout' | 'maxRuns' | 'until' | 'historySize' | 'run' | 'onError'>>

/** A task's configuration in plain values (what devtools show). */
export interface TaskConfigView {
  /** Human description of the schedule, e.g. `every 1000 ms (fixed delay)`. */
  schedule: string
  interval: number | null
  initialDelay: number
  timeout: number | null
  maxRuns: number | null
  /** Epoch ms. */
  until: number | null
  historySize: number
  keepAlive: boolean
}

/** A task's kernel options after validation. Never changed in place: `update()` makes a new one. */
export interface TaskConfig {
  readonly schedule: Schedule
  readonly level: TaskLevel
  readonly timeout: number | undefined
  readonly maxRuns: number | undefined
  /** Epoch ms. */
  readonly until: number | undefined
  readonly keepAlive: boolean
  readonly onError: TaskOptions['onError']
  readonly logger: Logger
  readonly historySize: number
}

/** Configs shared between tasks, by schedule, then by their primitive options. */
const sharedConfigs = new WeakMap<Schedule, Map<string, TaskConfig>>()
/** Per schedule: enough for the level × option mixes of an app, bounded for tasks with unique `until`s. */
const MAX_SHARED_CONFIGS = 64

/**
 * Tasks with the same options share one config object: at 100,000 tasks a
 * config each was ~130 B per task. Sharing is safe because a config is never
 * changed in place. Configs holding functions of their own are not shared.
 */
function share(config: TaskConfig): TaskConfig {
  if (config.onError !== undefined || config.logger !== consoleLogger) return config
  const key = `${config.level}|${config.timeout}|${config.maxRuns}|${config.until}|${config.keepAlive}|${config.historySize}`
  let byKey = sharedConfigs.get(config.schedule)
  if (byKey === undefined) {
    byKey = new Map()
    sharedConfigs.set(config.schedule, byKey)
  }
  const found = byKey.get(key)
  if (found !== undefined) return found
  if (byKey.size < MAX_SHARED_CONFIGS) byKey.set(key, config)
  return config
}

/** The config of validated task options. */
export function configOf(options: TaskOptions): TaskConfig {
  return share({
    schedule: options.schedule ?? sharedFixedDelay(options.interval as number),
    level: options.level ?? 'medium',
    timeout: options.timeout,
    maxRuns: options.maxRuns,
    until: options.until,
    keepAlive: options.keepAlive ?? true,
    onError: options.onError,
    logger: options.logger ?? consoleLogger,
    historySize: options.historySize ?? 50,
  })
}

/** The config after validated `changes`. A new interval is a fresh schedule, so it always re-plans. */
export function updatedConfig(config: TaskConfig, changes: TaskUpdate): TaskConfig {
  return share({
    schedule: changes.interval !== undefined ? fixedDelay(changes.interval) : (changes.schedule ?? config.schedule),
    level: changes.level ?? config.level,
    timeout: 'timeout' in changes ? changes.timeout : config.timeout,
    maxRuns: 'maxRuns' in changes ? changes.maxRuns : config.maxRuns,
    until: 'until' in changes ? changes.until : config.until,
    keepAlive: config.keepAlive,
    onError: changes.onError ?? config.onError,
    logger: config.logger,
    historySize: changes.historySize ?? config.historySize,
  })
}

/** The config as plain values. */
export function configView(config: TaskConfig, initialDelay: number): TaskConfigView {
  const { schedule } = config
  return {
    schedule: schedule.description ?? (schedule.interval === null ? 'custom schedule' : `every ${schedule.interval} ms`),
    interval: schedule.interval,
    initialDelay,
    timeout: config.timeout ?? null,
    maxRuns: config.maxRuns ?? null,
    until: config.until ?? null,
    historySize: config.historySize,
    keepAlive: config.keepAlive,
  }
}
