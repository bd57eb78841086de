import { LEVELS } from '../levels.ts'
import type { RunnerRole, TaskView } from '../registry-source.ts'
import type { TaskConfigView } from '../task.ts'
import type { RunSummary, TaskState, TaskStatus } from '../types.ts'
import { readFacetStatus } from './read-facet.ts'
import { array, boolean, extraPrimitives, nonEmptyString, nullableNumber, number, oneOf, record, string, stringRecord } from './read.ts'

const STATES: readonly TaskState[] = ['idle', 'scheduled', 'running', 'paused', 'stopped', 'completed', 'failed']
const RUNNER_ROLES: readonly RunnerRole[] = ['this', 'other', 'local-only']
const STATUS_KEYS = ['name', 'level', 'interval', 'state', 'isRunning', 'isActive', 'totalRuns', 'failedRuns', 'successRate', 'skippedRuns', 'lastSummary', 'nextRunAt', 'stopReason']
const CONFIG_KEYS = ['schedule', 'interval', 'initialDelay', 'timeout', 'maxRuns', 'until', 'historySize', 'keepAlive']

/** Reads one run summary sent by a peer into a fresh, checked object. */
export function readRunSummary(value: unknown, path: string): RunSummary {
  const source = record(value, path)
  const summary: RunSummary = {
    timestamp: number(source['timestamp'], `${path}.timestamp`),
    durationMs: number(source['durationMs'], `${path}.durationMs`, 0),
    success: boolean(source['success'], `${path}.success`),
    message: string(source['message'], `${path}.message`),
    extra: stringRecord(source['extra'], `${path}.extra`),
    runIndex: number(source['runIndex'], `${path}.runIndex`, 0, true),
    lateMs: number(source['lateMs'], `${path}.lateMs`, 0),
    trigger: oneOf(source['trigger'], ['schedule', 'manual'] as const, `${path}.trigger`),
  }
  if (source['error'] !== undefined) {
    const error = record(source['error'], `${path}.error`)
    summary.error = { name: string(error['name'], `${path}.error.name`), message: string(error['message'], `${path}.error.message`) }
    if (error['stack'] !== undefined) summary.error.stack = string(error['stack'], `${path}.error.stack`)
  }
  return summary
}

function readStatus(value: unknown, path: string): TaskStatus {
  const source = record(value, path)
  const successRate = nullableNumber(source['successRate'], `${path}.successRate`, 0)
  if (successRate !== null && successRate > 1) number(Number.NaN, `${path}.successRate`)
  const status: TaskStatus = {
    name: nonEmptyString(source['name'], `${path}.name`),
    level: oneOf(source['level'], LEVELS, `${path}.level`),
    interval: nullableNumber(source['interval'], `${path}.interval`, 0),
    state: oneOf(source['state'], STATES, `${path}.state`),
    isRunning: boolean(source['isRunning'], `${path}.isRunning`),
    isActive: boolean(source['isActive'], `${path}.isActive`),
    totalRuns: number(source['totalRuns'], `${path}.totalRuns`, 0, true),
    failedRuns: number(source['failedRuns'], `${path}.failedRuns`, 0, true),
    successRate,
    skippedRuns: number(source['skippedRuns'], `${path}.skippedRuns`, 0, true),
    lastSummary: source['lastSummary'] === null ? null : readRunSummary(source['lastSummary'], `${path}.lastSummary`),
    nextRunAt: nullableNumber(source['nextRunAt'], `${path}.nextRunAt`),
  }
  if (source['stopReason'] !== undefined) status.stopReason = string(source['stopReason'], `${path}.stopReason`)
  extraPrimitives(source, STATUS_KEYS, status)
  return status
}

function readConfig(value: unknown, path: string): TaskConfigView {
  const source = record(value, path)
  const config: TaskConfigView = {
    schedule: string(source['schedule'], `${path}.schedule`),
    interval: nullableNumber(source['interval'], `${path}.interval`, 0),
    initialDelay: number(source['initialDelay'], `${path}.initialDelay`, 0),
    timeout: nullableNumber(source['timeout'], `${path}.timeout`, 0),
    maxRuns: nullableNumber(source['maxRuns'], `${path}.maxRuns`, 0),
    until: nullableNumber(source['until'], `${path}.until`),
    historySize: number(source['historySize'], `${path}.historySize`, 0, true),
    keepAlive: boolean(source['keepAlive'], `${path}.keepAlive`),
  }
  extraPrimitives(source, CONFIG_KEYS, config)
  return config
}

/**
 * Reads a task view sent by a peer: every field is checked and copied onto
 * fresh objects, so nothing a peer sends reaches the panel unchecked.
 * Throws `MalformedMessageError` naming the first bad field.
 */
export function readTaskView(value: unknown, path: string): TaskView {
  const source = record(value, path)
  const view: TaskView = {
    status: readStatus(source['status'], `${path}.status`),
    history: array(source['history'], `${path}.history`).map((item, index) => readRunSummary(item, `${path}.history[${index}]`)),
    config: readConfig(source['config'], `${path}.config`),
  }
  if (source['runner'] !== undefined) view.runner = oneOf(source['runner'], RUNNER_ROLES, `${path}.runner`)
  if (source['facet'] !== undefined) view.facet = readFacetStatus(source['facet'], `${path}.facet`)
  return view
}
