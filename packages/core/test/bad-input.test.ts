import { describe, expect, it } from 'vitest'
import { createTask, InvalidOptionError, DuplicateTaskError, type TaskOptions } from '../src/index.ts'
import { setup } from './helpers.ts'

const run = () => {}

/** Each case: the options, and a fragment of the message (which must quote the value and its type). */
const cases: [string, Record<string, unknown>, RegExp][] = [
  ['missing name', { interval: 10, run }, /name must be a non-empty string, got `undefined` \(undefined\)/],
  ['empty name', { name: '', interval: 10, run }, /name must be a non-empty string, got `""` \(string\)/],
  ['blank name', { name: '   ', interval: 10, run }, /got `"   "` \(string\)/],
  ['numeric name', { name: 5, interval: 10, run }, /got `5` \(number\)/],
  ['run not a function', { name: 't', interval: 10, run: 'go' }, /run must be a function, got `"go"` \(string\)/],
  ['missing run', { name: 't', interval: 10 }, /run must be a function, got `undefined`/],
  ['interval zero', { name: 't', interval: 0, run }, /interval must be a positive finite number of milliseconds, got `0` \(number\)/],
  ['interval negative', { name: 't', interval: -5, run }, /got `-5` \(number\)/],
  ['interval NaN', { name: 't', interval: Number.NaN, run }, /got `NaN` \(number\)/],
  ['interval Infinity', { name: 't', interval: Number.POSITIVE_INFINITY, run }, /got `Infinity` \(number\)/],
  ['interval string', { name: 't', interval: '1000', run }, /got `"1000"` \(string\)/],
  ['no interval or schedule', { name: 't', run }, /needs an interval \(ms\) or a schedule/],
  ['interval and schedule', { name: 't', interval: 5, schedule: { interval: 5, next: () => 0 }, run }, /not both/],
  ['schedule without next', { name: 't', schedule: { every: 5 }, run }, /schedule must be an object with a next\(context\) function, got `\{"every":5\}` \(object\)/],
  ['negative initialDelay', { name: 't', interval: 10, initialDelay: -1, run }, /initialDelay must be a non-negative finite number of milliseconds, got `-1`/],
  ['NaN initialDelay', { name: 't', interval: 10, initialDelay: Number.NaN, run }, /initialDelay .* got `NaN`/],
  ['negative timeout', { name: 't', interval: 10, timeout: -1, run }, /timeout must be a positive number of milliseconds, got `-1`/],
  ['zero timeout', { name: 't', interval: 10, timeout: 0, run }, /timeout .* got `0`/],
  ['negative maxRuns', { name: 't', interval: 10, maxRuns: -1, run }, /maxRuns must be a non-negative integer, got `-1`/],
  ['fractional maxRuns', { name: 't', interval: 10, maxRuns: 1.5, run }, /maxRuns .* got `1.5`/],
  ['fractional historySize', { name: 't', interval: 10, historySize: 2.5, run }, /historySize must be an integer from 0 to 10000, got `2.5`/],
  ['oversized historySize', { name: 't', interval: 10, historySize: 1e6, run }, /historySize .* got `1000000`/],
  ['unknown level', { name: 't', interval: 10, level: 'urgent', run }, /level must be one of 'critical', 'high', 'medium', 'low', got `"urgent"` \(string\)/],
  ['until in the past', { name: 't', interval: 10, until: 500, run }, /until is in the past: got `500` \(number\), now is 1000/],
  ['until not a number', { name: 't', interval: 10, until: '2030', run }, /until must be an epoch time in ms, got `"2030"`/],
  ['onError not a function', { name: 't', interval: 10, onError: true, run }, /onError must be a function, got `true` \(boolean\)/],
  ['logger without warn', { name: 't', interval: 10, logger: {}, run }, /logger must have a warn\(message\) function, got `\{\}`/],
  ['keepAlive not boolean', { name: 't', interval: 10, keepAlive: 'no', run }, /keepAlive must be a boolean, got `"no"`/],
  ['options not an object', null as unknown as Record<string, unknown>, /options must be an object, got `null` \(null\)/],
]

describe('createTask() bad input', () => {
  it.each(cases)('rejects %s with InvalidOptionError quoting the value', (_label, options, message) => {
    const { registry } = setup(1000)
    const attempt = () => createTask(options === null ? (null as never) : ({ registry, ...options } as unknown as TaskOptions))
    expect(attempt).toThrow(InvalidOptionError)
    expect(attempt).toThrow(message)
    expect(registry.list()).toEqual([])
  })

  it('names the task and the library in the message', () => {
    const { registry } = setup()
    expect(() => createTask({ name: 'sync', interval: -5, run, registry })).toThrow(
      '[tickwork] task "sync": interval must be a positive finite number of milliseconds, got `-5` (number)',
    )
  })

  it('rejects a duplicate name with DuplicateTaskError and keeps the first task', () => {
    const { registry } = setup()
    const first = createTask({ name: 'dup', interval: 10, run, registry })
    expect(() => createTask({ name: 'dup', interval: 10, run, registry })).toThrow(DuplicateTaskError)
    expect(registry.get('dup')).toBe(first)
  })

  it('rejects a bad stop() timeout', async () => {
    const { make } = setup()
    await expect(make({ name: 't' }).stop({ timeout: -1 })).rejects.toThrow(/stop\(\) timeout must be a non-negative number/)
  })
})
