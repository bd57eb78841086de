import { describeValue, InvalidOptionError, prefix } from './errors.ts'
import { isTaskLevel, LEVELS } from './levels.ts'
import { assertInterval } from './schedule.ts'

/** The largest history a task may keep: histories live in memory and in devtools. */
export const MAX_HISTORY_SIZE = 10_000

function fail(name: unknown, message: string): never {
  const who = typeof name === 'string' && name !== '' ? `task "${name}"` : 'createTask()'
  throw new InvalidOptionError(`${prefix(who)}${message}`)
}

function nonNegative(name: unknown, key: string, value: unknown, integer = false): void {
  if (value === undefined) return
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= 0 && (!integer || Number.isInteger(value))
  if (!ok) fail(name, `${key} must be a ${integer ? 'non-negative integer' : 'non-negative finite number of milliseconds'}, got ${describeValue(value)}`)
}

/** Validates a task name. */
export function validateName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.trim() === '') fail(undefined, `name must be a non-empty string, got ${describeValue(name)}`)
}

/**
 * Checks every option a task takes, throwing {@link InvalidOptionError} that
 * quotes the bad value. `wallNow` (epoch ms) is used to reject an `until`
 * in the past. Options of plugins are checked by the plugins (`validate`).
 */
export function validateTaskOptions(options: Record<string, unknown>, wallNow: number, requireRun = true): void {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${prefix('createTask()')}options must be an object, got ${describeValue(options)}`)
  }
  const name = options['name']
  validateName(name)
  if (requireRun || options['run'] !== undefined) {
    if (typeof options['run'] !== 'function') fail(name, `run must be a function, got ${describeValue(options['run'])}`)
  }
  validateUpdate(name, options, wallNow)
  const plugins = options['plugins']
  if (plugins !== undefined && !Array.isArray(plugins)) fail(name, `plugins must be an array of plugins, got ${describeValue(plugins)}`)
  if (options['interval'] === undefined && options['schedule'] === undefined) {
    fail(name, 'needs an interval (ms) or a schedule, got neither')
  }
}

/** Checks the options that may also change later through `task.update()`. */
export function validateUpdate(name: string, options: Record<string, unknown>, now: number): void {
  if (options === null || typeof options !== 'object') fail(name, `update() needs an object of changes, got ${describeValue(options)}`)
  const where = `task "${name}"`
  if (options['interval'] !== undefined) assertInterval(options['interval'], where)
  const schedule = options['schedule']
  if (schedule !== undefined && (schedule === null || typeof schedule !== 'object' || typeof (schedule as { next?: unknown }).next !== 'function')) {
    fail(name, `schedule must be an object with a next(context) function, got ${describeValue(schedule)}`)
  }
  if (options['interval'] !== undefined && schedule !== undefined) fail(name, 'takes interval or schedule, not both')
  if (options['level'] !== undefined && !isTaskLevel(options['level'])) {
    fail(name, `level must be one of ${LEVELS.map((l) => `'${l}'`).join(', ')}, got ${describeValue(options['level'])}`)
  }
  nonNegative(name, 'initialDelay', options['initialDelay'])
  if (options['timeout'] !== undefined) {
    const t = options['timeout']
    if (typeof t !== 'number' || !(t > 0) || Number.isNaN(t)) fail(name, `timeout must be a positive number of milliseconds, got ${describeValue(t)}`)
  }
  nonNegative(name, 'maxRuns', options['maxRuns'], true)
  const until = options['until']
  if (until !== undefined) {
    if (typeof until !== 'number' || !Number.isFinite(until)) fail(name, `until must be an epoch time in ms, got ${describeValue(until)}`)
    if (until < now) fail(name, `until is in the past: got ${describeValue(until)}, now is ${now}`)
  }
  const historySize = options['historySize']
  if (historySize !== undefined) {
    if (typeof historySize !== 'number' || !Number.isInteger(historySize) || historySize < 0 || historySize > MAX_HISTORY_SIZE) {
      fail(name, `historySize must be an integer from 0 to ${MAX_HISTORY_SIZE}, got ${describeValue(historySize)}`)
    }
  }
  for (const key of ['onError', 'run'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') fail(name, `${key} must be a function, got ${describeValue(options[key])}`)
  }
  const logger = options['logger']
  if (logger !== undefined && (logger === null || typeof (logger as { warn?: unknown }).warn !== 'function')) {
    fail(name, `logger must have a warn(message) function, got ${describeValue(logger)}`)
  }
  if (options['keepAlive'] !== undefined && typeof options['keepAlive'] !== 'boolean') {
    fail(name, `keepAlive must be a boolean, got ${describeValue(options['keepAlive'])}`)
  }
}

/** Throws unless `clock` has the `now`, `setTimeout` and `clearTimeout` functions of a {@link Clock}. */
export function assertClock(clock: unknown, where: string): void {
  const c = clock as Record<string, unknown> | null
  if (c === null || typeof c !== 'object' || typeof c['now'] !== 'function' || typeof c['wallNow'] !== 'function' || typeof c['setTimeout'] !== 'function' || typeof c['clearTimeout'] !== 'function') {
    throw new InvalidOptionError(`${prefix(where)}clock must have now(), wallNow(), setTimeout() and clearTimeout() functions, got ${describeValue(clock)}`)
  }
}

/** Throws unless `logger` has a `warn` function. */
export function assertLogger(logger: unknown, where: string): void {
  if (logger === null || typeof logger !== 'object' || typeof (logger as { warn?: unknown }).warn !== 'function') {
    throw new InvalidOptionError(`${prefix(where)}logger must have a warn(message) function, got ${describeValue(logger)}`)
  }
}

/** Checks the options of `stop()`/`stopAll()`: an object whose `timeout`, if given, is a number of ms ≥ 0. */
export function assertStopOptions(options: unknown, where: string): void {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${prefix(where)}options must be an object, got ${describeValue(options)}`)
  }
  const timeout = (options as { timeout?: unknown }).timeout
  if (timeout !== undefined && (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0)) {
    throw new InvalidOptionError(`${prefix(where)}timeout must be a non-negative number of ms, got ${describeValue(timeout)}`)
  }
}
