import { describeValue, InvalidOptionError, invalidOption, prefix } from './errors.ts'
import { isTaskLevel, LEVELS } from './levels.ts'

/** The largest history a task may keep: histories live in memory and in devtools. */
export const MAX_HISTORY_SIZE = 10_000

/**
 * One checked option: its name, the test its value must pass, and what
 * "<option> must …" expects (the message of {@link invalidOption}).
 */
type Rule = readonly [option: string, test: (value: unknown) => boolean, expected: string]

/**
 * True for an object (or function) whose `methods` are all functions: how a
 * clock, a logger or a schedule is recognised, whatever made it.
 */
export function hasMethods(value: unknown, ...methods: string[]): boolean {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false
  return methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function')
}

const isFunction = (value: unknown): boolean => typeof value === 'function'
const isCount = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0

const RUN: Rule = ['run', isFunction, 'be a function']
const INTERVAL: Rule = ['interval', (value) => Number.isFinite(value) && (value as number) > 0, 'be a positive finite number of milliseconds']
const LOGGER: Rule = ['logger', (value) => hasMethods(value, 'warn'), 'have a warn(message) function']

/**
 * The options `createTask()` and `task.update()` check, in the order they
 * are checked. One table, so each option's rule and wording live in one place.
 */
const TASK_RULES: readonly Rule[] = [
  RUN,
  INTERVAL,
  ['schedule', (value) => hasMethods(value, 'next'), 'be an object with a next(context) function'],
  ['level', isTaskLevel, `be one of ${LEVELS.map((level) => `'${level}'`).join(', ')}`],
  ['initialDelay', (value) => Number.isFinite(value) && (value as number) >= 0, 'be a non-negative finite number of milliseconds'],
  ['timeout', (value) => typeof value === 'number' && value > 0, 'be a positive number of milliseconds'],
  ['maxRuns', isCount, 'be a non-negative integer'],
  ['until', Number.isFinite, 'be an epoch time in ms'],
  ['historySize', (value) => isCount(value) && (value as number) <= MAX_HISTORY_SIZE, `be an integer from 0 to ${MAX_HISTORY_SIZE}`],
  ['onError', isFunction, 'be a function'],
  LOGGER,
  ['keepAlive', (value) => typeof value === 'boolean', 'be a boolean'],
]

/** Throws {@link InvalidOptionError} naming the option and quoting `value` unless it passes `rule`. */
function check(where: string, [option, test, expected]: Rule, value: unknown): void {
  if (!test(value)) throw invalidOption(where, option, expected, value)
}

/** Validates a task name. */
export function validateName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.trim() === '') throw invalidOption('createTask()', 'name', 'be a non-empty string', name)
}

/**
 * Checks every option a task takes, throwing {@link InvalidOptionError} that
 * quotes the bad value. `wallNow` (epoch ms) is used to reject an `until`
 * in the past. Options of plugins are checked by the plugins (`validate`).
 */
export function validateTaskOptions(options: Record<string, unknown>, wallNow: number, requireRun = true): void {
  if (options === null || typeof options !== 'object') throw invalidOption('createTask()', 'options', 'be an object', options)
  const name = options['name']
  validateName(name)
  const where = `task "${name}"`
  // A subclass (PeriodicTask) brings its own execute(): only a plain Task needs `run`.
  if (requireRun) check(where, RUN, options['run'])
  validateUpdate(name, options, wallNow)
  const plugins = options['plugins']
  if (plugins !== undefined && !Array.isArray(plugins)) throw invalidOption(where, 'plugins', 'be an array of plugins', plugins)
  if (options['interval'] === undefined && options['schedule'] === undefined) {
    throw new InvalidOptionError(`${prefix(where)}needs an interval (ms) or a schedule, got neither`)
  }
}

/** Checks the options that may also change later through `task.update()`. */
export function validateUpdate(name: string, options: Record<string, unknown>, now: number): void {
  const where = `task "${name}"`
  if (options === null || typeof options !== 'object') throw invalidOption(where, 'update() changes', 'be an object', options)
  // An option left undefined is not given: it keeps its default or current value.
  for (const rule of TASK_RULES) if (options[rule[0]] !== undefined) check(where, rule, options[rule[0]])
  if (options['interval'] !== undefined && options['schedule'] !== undefined) {
    throw new InvalidOptionError(`${prefix(where)}takes interval or schedule, not both`)
  }
  const until = options['until'] as number | undefined
  if (until !== undefined && until < now) {
    throw new InvalidOptionError(`${prefix(where)}until is in the past: got ${describeValue(until)}, now is ${now}`)
  }
}

/** Throws unless `ms` is a positive finite number; names what was received. */
export function assertInterval(ms: unknown, where: string): asserts ms is number {
  check(where, INTERVAL, ms)
}

/** Throws unless `clock` has the `now`, `wallNow`, `setTimeout` and `clearTimeout` functions of a {@link Clock}. */
export function assertClock(clock: unknown, where: string): void {
  if (!hasMethods(clock, 'now', 'wallNow', 'setTimeout', 'clearTimeout')) {
    throw invalidOption(where, 'clock', 'have now(), wallNow(), setTimeout() and clearTimeout() functions', clock)
  }
}

/** Throws unless `logger` has a `warn` function. */
export function assertLogger(logger: unknown, where: string): void {
  check(where, LOGGER, logger)
}

/** Checks the options of `stop()`/`stopAll()`: an object whose `timeout`, if given, is a number of ms ≥ 0. */
export function assertStopOptions(options: unknown, where: string): void {
  if (options === null || typeof options !== 'object') throw invalidOption(where, 'options', 'be an object', options)
  const timeout = (options as { timeout?: unknown }).timeout
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout >= 0)) {
    throw invalidOption(where, 'timeout', 'be a non-negative number of ms', timeout)
  }
}
