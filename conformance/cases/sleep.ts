import { InvalidOptionError, sleep } from '@tickwork/core'
import { MAX_WAIT_MS } from '@tickwork/core/testing'
import { createTestClock } from '@tickwork/core/testing'
import { assert, equal, rejects, test } from '../harness.ts'
import { countingSignal } from './util.ts'

test('sleep() with an already-aborted signal resolves false at once and arms nothing', async () => {
  const clock = createTestClock()
  const controller = new AbortController()
  controller.abort()
  equal(await sleep(1000, controller.signal, { clock }), false, 'result')
  equal(clock.armedTimers, 0, 'timers armed')
})

test('sleep() interrupted midway resolves false and clears its timer', async () => {
  const clock = createTestClock()
  const controller = new AbortController()
  let result: boolean | undefined
  void sleep(10_000, controller.signal, { clock }).then((value) => (result = value))
  await clock.advance(10)
  equal(clock.armedTimers, 1, 'timers armed while sleeping')
  controller.abort()
  await clock.flush()
  equal(result, false, 'result')
  equal(clock.armedTimers, 0, 'timers armed after abort')
})

test('delays above 2^31-1 ms are split into waits of at most MAX_WAIT_MS', async () => {
  const clock = createTestClock()
  const ms = 2 ** 31 + 5_000
  let result: boolean | undefined
  void sleep(ms, undefined, { clock }).then((value) => (result = value))
  await clock.advance(ms - 1)
  equal(result, undefined, 'result 1 ms early')
  await clock.advance(1)
  equal(result, true, 'result on time')
  assert(clock.maxDelaySeen <= MAX_WAIT_MS, `longest single timer ${clock.maxDelaySeen} ms exceeds ${MAX_WAIT_MS} ms`)
})

test('no listener is left on a long-lived signal after many sleeps', async () => {
  const clock = createTestClock()
  const { signal, live } = countingSignal()
  for (let i = 0; i < 500; i++) {
    const pending = sleep(5, signal, { clock })
    await clock.advance(5)
    equal(await pending, true, `sleep ${i}`)
  }
  equal(live(), 0, 'listeners left')
  equal(clock.armedTimers, 0, 'timers left')
})

test('sleep() rejects bad input with an InvalidOptionError quoting it', async () => {
  const error = await rejects(() => sleep(-5))
  assert(error instanceof InvalidOptionError, `got ${String(error)}`)
  assert(error.message.includes('`-5` (number)'), `message quotes the value: ${error.message}`)
})
