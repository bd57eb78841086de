import { tick } from '../src/tick/index.ts'
/**
 * The bad-input catalogue (issue 8): every public entry point of
 * `@tickwork/core` (beyond createTask's options, covered in bad-input.test.ts)
 * given wrong input. Each case must throw (or reject with) a named error whose
 * message quotes the value it received, and a task that rejected a bad update
 * keeps its previous configuration.
 */
import { describe, expect, it } from 'vitest'
import { backoff, createTask, fixedDelay, fixedRate, jitter, sleep, TaskRegistry, TickworkError, type Task } from '@tickwork/core'
import { createTriggerQueue } from '@tickwork/core/queue'
import { createCachedValue } from '@tickwork/core/cache'
import { installShutdown, shutdown } from '@tickwork/core/shutdown'
import { exposeRegistry, parseClientMessage, parseServerMessage } from '@tickwork/core/bridge'
import { snapshotSource } from '@tickwork/core/tick'
import { alarmTicker, durableObjectStore, kvStore, scheduledHandler } from '@tickwork/core/cloudflare'
import { cron } from '@tickwork/core/cron'
import { denoCron, denoKvStore } from '@tickwork/core/deno'
import { fileStore } from '@tickwork/core/file-store'
import { tickHandler } from '@tickwork/core/http'
import { createTestClock } from '@tickwork/core/testing'

const silent = { warn: () => {} }

function fresh(): { registry: TaskRegistry; task: Task } {
  const clock = createTestClock({ now: 1_000 })
  const registry = new TaskRegistry({ clock, logger: silent })
  const task = createTask({ name: 'victim', interval: 1000, timeout: 500, level: 'high', historySize: 20, maxRuns: 9, run: () => {}, registry, logger: silent })
  return { registry, task }
}

/** [entry point, what is wrong, the call, the quoted value the message must contain, the error's name]. */
type Case = [entry: string, label: string, call: () => unknown, quote: string, errorName?: string]

const port = (): MessagePort => new MessageChannel().port1

const cases: Case[] = [
  // sleep(ms, signal, options)
  ['sleep', 'negative ms', () => sleep(-1), '`-1` (number)'],
  ['sleep', 'NaN ms', () => sleep(Number.NaN), '`NaN` (number)'],
  ['sleep', 'string ms', () => sleep('10' as never), '`"10"` (string)'],
  ['sleep', 'signal that is not an AbortSignal', () => sleep(10, 'stop' as never), '`"stop"` (string)'],
  ['sleep', 'options that are not an object', () => sleep(10, undefined, 5 as never), '`5` (number)'],
  ['sleep', 'clock without setTimeout', () => sleep(10, undefined, { clock: { now: () => 0 } as never }), '(object)'],

  // TaskRegistry
  ['new TaskRegistry', 'clock that is not a clock', () => new TaskRegistry({ clock: 5 as never }), '`5` (number)'],
  ['new TaskRegistry', 'logger without warn', () => new TaskRegistry({ logger: {} as never }), '`{}` (object)'],
  ['registry.register', 'a string', () => fresh().registry.register('task' as never), '`"task"` (string)'],
  ['registry.register', 'null', () => fresh().registry.register(null as never), '`null` (null)'],
  ['registry.register', 'a plain object', () => fresh().registry.register({ name: 'fake', start() {} } as never), '(object)'],
  ['registry.register', 'a second task under a taken name', () => {
    const { registry } = fresh()
    return createTask({ name: 'victim', interval: 5, run: () => {}, registry })
  }, '"victim"', 'DuplicateTaskError'],
  ['registry.byLevel', 'unknown level', () => fresh().registry.byLevel('urgent' as never), '`"urgent"` (string)'],
  ['registry.byLevel', 'level in capitals', () => fresh().registry.byLevel('HIGH' as never), '`"HIGH"` (string)'],
  ['registry.subscribe', 'a number', () => fresh().registry.subscribe(42 as never), '`42` (number)'],
  ['registry.stopAll', 'negative timeout', () => fresh().registry.stopAll({ timeout: -1 }), '`-1` (number)'],
  ['registry.stopAll', 'timeout as a string', () => new TaskRegistry({ logger: silent }).stopAll({ timeout: '5' as never }), '`"5"` (string)'],
  ['registry.tick', 'no options', () => tick(fresh().registry, undefined as never), '`undefined` (undefined)'],
  ['registry.tick', 'now not a number', () => tick(fresh().registry, { now: 'soon' } as never), '`"soon"` (string)'],
  ['registry.tick', 'negative budget', () => tick(fresh().registry, { now: 1_000, budgetMs: -5 }), '`-5` (number)'],

  // task.update (the previous configuration is checked separately below)
  ['task.update', 'negative interval', () => fresh().task.update({ interval: -5 }), '`-5` (number)'],
  ['task.update', 'Infinity interval', () => fresh().task.update({ interval: Number.POSITIVE_INFINITY }), '`Infinity` (number)'],
  ['task.update', 'unknown level', () => fresh().task.update({ level: 'urgent' as never }), '`"urgent"` (string)'],
  ['task.update', 'oversized history', () => fresh().task.update({ historySize: 1_000_000 }), '`1000000` (number)'],
  ['task.update', 'zero timeout', () => fresh().task.update({ timeout: 0 }), '`0` (number)'],
  ['task.update', 'until not a number', () => fresh().task.update({ until: 'tomorrow' as never }), '`"tomorrow"` (string)'],
  ['task.update', 'until in the past', () => fresh().task.update({ until: 10 }), '`10` (number)'],
  ['task.update', 'run not a function', () => fresh().task.update({ run: 'go' as never }), '`"go"` (string)'],
  ['task.update', 'fractional maxRuns', () => fresh().task.update({ maxRuns: 2.5 }), '`2.5` (number)'],
  ['task.update', 'null instead of an object', () => fresh().task.update(null as never), '`null` (null)'],
  ['task.update', 'schedule without next()', () => fresh().task.update({ schedule: { interval: 5 } as never }), '`{"interval":5}` (object)'],

  // task.stop({ timeout })
  ['task.stop', 'negative timeout', () => fresh().task.stop({ timeout: -1 }), '`-1` (number)'],
  ['task.stop', 'NaN timeout', () => fresh().task.stop({ timeout: Number.NaN }), '`NaN` (number)'],
  ['task.stop', 'timeout as a string', () => fresh().task.stop({ timeout: '100' as never }), '`"100"` (string)'],
  ['task.stop', 'options that are not an object', () => fresh().task.stop(7 as never), '`7` (number)'],

  // schedules
  ['fixedRate', 'zero', () => fixedRate(0), '`0` (number)'],
  ['fixedRate', 'NaN', () => fixedRate(Number.NaN), '`NaN` (number)'],
  ['fixedRate', 'Infinity', () => fixedRate(Number.POSITIVE_INFINITY), '`Infinity` (number)'],
  ['fixedDelay', 'negative', () => fixedDelay(-1), '`-1` (number)'],
  ['fixedDelay', 'string', () => fixedDelay('1000' as never), '`"1000"` (string)'],
  ['jitter', 'ratio above 1', () => jitter(fixedDelay(10), 2), '`2` (number)'],
  ['jitter', 'not a schedule', () => jitter({} as never, 0.1), '`{}` (object)'],
  ['backoff', 'not a schedule', () => backoff(null as never), '`null` (null)'],
  ['backoff', 'options not an object', () => backoff(fixedDelay(10), 'fast' as never), '`"fast"` (string)'],

  // cron expressions
  ['cron', 'empty expression', () => cron(''), '`""` (string)'],
  ['cron', 'not a string', () => cron(42 as never), '`42` (number)'],
  ['cron', 'garbage', () => cron('every minute'), '`"every minute"` (string)'],
  ['cron', 'minute out of range', () => cron('61 * * * *'), '`"61 * * * *"` (string)'],
  ['cron', 'unknown time zone', () => cron('* * * * *', { timezone: 'Mars/Olympus_Mons' }), '`"Mars/Olympus_Mons"` (string)'],

  // test clock
  ['testClock.advance', 'negative', () => createTestClock().advance(-1), '`-1` (number)'],
  ['testClock.advance', 'NaN', () => createTestClock().advance(Number.NaN), '`NaN` (number)'],
  ['testClock.advance', 'Infinity', () => createTestClock().advance(Number.POSITIVE_INFINITY), '`Infinity` (number)'],
  ['testClock.advance', 'string', () => createTestClock().advance('10' as never), '`"10"` (string)'],

  // trigger queue
  ['createTriggerQueue', 'empty name', () => createTriggerQueue({ name: '', run: () => {}, autoRegister: false }), '`""` (string)'],
  ['createTriggerQueue', 'run not a function', () => createTriggerQueue({ name: 'q', run: 5 as never, autoRegister: false }), '`5` (number)'],
  ['createTriggerQueue', 'zero sizeThreshold', () => createTriggerQueue({ name: 'q', run: () => {}, sizeThreshold: 0, autoRegister: false }), '`0` (number)'],
  ['createTriggerQueue', 'negative stalenessMs', () => createTriggerQueue({ name: 'q', run: () => {}, stalenessMs: -1, autoRegister: false }), '`-1` (number)'],
  ['createTriggerQueue', 'unknown level', () => createTriggerQueue({ name: 'q', run: () => {}, level: 'urgent' as never, autoRegister: false }), '`"urgent"` (string)'],

  // cached value
  ['createCachedValue', 'source not a function', () => createCachedValue({ source: 'x' as never, expire: 1000 }), '`"x"` (string)'],
  ['createCachedValue', 'negative expire', () => createCachedValue({ source: () => 1, expire: -1 }), '`-1` (number)'],
  ['createCachedValue', 'NaN refreshEvery', () => createCachedValue({ source: () => 1, expire: 1000, refreshEvery: Number.NaN }), '`NaN` (number)'],
  ['createCachedValue', 'store without read/write', () => createCachedValue({ source: () => 1, expire: 1000, key: 'k', store: {} as never }), '`{}` (object)'],
  ['cachedValue.get', 'fresh not a boolean', () => createCachedValue({ source: () => 1, expire: 1000 }).get({ fresh: 'yes' as never }), '`"yes"` (string)'],

  // bridge
  ['exposeRegistry', 'not a registry', () => exposeRegistry('registry' as never, port()), '`"registry"` (string)'],
  ['exposeRegistry', 'port that is not a port', () => exposeRegistry(fresh().registry, {} as never), '`{}` (object)'],
  ['exposeRegistry', 'negative coalesceMs', () => exposeRegistry(fresh().registry, port(), { coalesceMs: -1 }), '`-1` (number)'],

  // shutdown
  ['shutdown', 'registry that is not a registry', () => shutdown('all' as never), '`"all"` (string)'],
  ['shutdown', 'negative timeout', () => shutdown(fresh().registry, { timeout: -1 }), '`-1` (number)'],
  ['shutdown', 'hooks that are not functions', () => shutdown(fresh().registry, { hooks: ['flush'] as never }), '`["flush"]` (array)'],
  ['installShutdown', 'signals that are not names', () => installShutdown(fresh().registry, { signals: [15] as never }), '`[15]` (array)'],
  ['installShutdown', 'exit that is a string', () => installShutdown(fresh().registry, { exit: 'yes' as never }), '`"yes"` (string)'],

  // stores and edge adapters
  ['fileStore', 'empty directory', () => fileStore({ directory: '' }), '`""` (string)'],
  ['snapshotSource', 'store that is not a store', () => snapshotSource(42 as never), '`42` (number)'],
  ['tickHandler', 'no options', () => tickHandler(fresh().registry, undefined as never), '`undefined` (undefined)'],
  ['scheduledHandler', 'no options', () => scheduledHandler(fresh().registry, null as never), '`null` (null)'],
  ['kvStore', 'not a KV namespace', () => kvStore({} as never), '`{}` (object)'],
  ['durableObjectStore', 'not a storage', () => durableObjectStore('storage' as never), '`"storage"` (string)'],
  ['alarmTicker', 'storage without setAlarm', () => alarmTicker({} as never, fresh().registry), '`{}` (object)'],
  ['denoCron', 'empty name', () => denoCron(fresh().registry, { name: '', schedule: '* * * * *', kv: {} } as never), '`""` (string)'],
  ['denoKvStore', 'not a Deno.Kv', () => denoKvStore(null as never), '`null` (null)'],
]

/** Calls the case; returns the error it threw or rejected with. */
async function errorOf(call: () => unknown): Promise<unknown> {
  try {
    const result = call()
    if (result instanceof Promise) await result
  } catch (error) {
    return error
  }
  return undefined
}

describe('bad-input catalogue', () => {
  it(`covers at least 30 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(30)
  })

  it.each(cases)('%s: %s → a named error quoting the value', async (_entry, _label, call, quote, errorName = 'InvalidOptionError') => {
    const error = await errorOf(call)
    expect(error, 'it must throw or reject').toBeInstanceOf(TickworkError)
    expect((error as Error).name).toBe(errorName)
    expect((error as Error).message).toContain(quote)
    expect((error as Error).message).toMatch(/^\[tickwork\] /)
  })
})

describe('a rejected update loses nothing', () => {
  const badUpdates: [string, Record<string, unknown>][] = [
    ['bad interval among good fields', { level: 'low', timeout: 50, interval: -1 }],
    ['bad level among good fields', { interval: 5, historySize: 3, level: 'urgent' }],
    ['bad historySize among good fields', { maxRuns: 1, historySize: -1 }],
    ['bad run among good fields', { interval: 7, run: 42 }],
    ['interval and schedule together', { interval: 7, schedule: fixedRate(7) }],
  ]

  it.each(badUpdates)('%s: the task keeps its previous configuration and keeps running', async (_label, changes) => {
    const clock = createTestClock({ now: 1_000 })
    const registry = new TaskRegistry({ clock, logger: silent })
    let runs = 0
    const task = createTask({ name: 'victim', interval: 1000, timeout: 500, level: 'high', historySize: 20, maxRuns: 9, run: () => void runs++, registry, logger: silent })
    task.start()
    await clock.advance(0)
    const before = { config: task.config, level: task.level, schedule: task.schedule, history: task.history.length }
    expect(() => task.update(changes as never)).toThrow(TickworkError)
    expect({ config: task.config, level: task.level, schedule: task.schedule, history: task.history.length }).toEqual(before)
    await clock.advance(2000)
    expect(runs).toBe(3)
  })
})

describe('bridge messages of the wrong shape or version are refused, never thrown', () => {
  const good = { protocol: 'tickwork-bridge', version: 1, type: 'control', client: 'c1', to: 's1', name: 'sync', action: 'start' }
  const malformed: [string, unknown][] = [
    ['a future version', { ...good, version: 99 }],
    ['a version as a string', { ...good, version: '1' }],
    ['an unknown action', { ...good, action: 'eval' }],
    ['an empty task name', { ...good, name: '' }],
    ['a client id that is a number', { ...good, client: 7 }],
    ['an unknown message type', { ...good, type: 'exec' }],
  ]

  it.each(malformed)('a control message with %s is malformed, naming the field', (_label, data) => {
    const parsed = parseClientMessage(data)
    expect(parsed.kind).toBe('malformed')
  })

  it('a well-formed control message parses (so the cases above test the field, not the fixture)', () => {
    expect(parseClientMessage(good).kind).toBe('ok')
  })

  it.each([null, undefined, 42, 'hello', [], { protocol: 'other' }])('foreign traffic %j is ignored, not thrown', (data) => {
    expect(() => parseClientMessage(data)).not.toThrow()
    expect(() => parseServerMessage(data)).not.toThrow()
    expect(parseClientMessage(data).kind).toBe('foreign')
  })
})
