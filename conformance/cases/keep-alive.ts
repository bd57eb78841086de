import { createTask, sleep, systemClock, TaskRegistry, type Clock } from '@tickwork/core'
import { createTestClock } from '@tickwork/core/testing'
import { assert, equal, test } from '../harness.ts'

test('keepAlive: false unrefs the shared timer; a keep-alive entry refs it again', async () => {
  const clock = createTestClock()
  const registry = new TaskRegistry({ clock })
  const background = createTask({ name: 'bg', interval: 100, keepAlive: false, run: () => {}, registry, scheduler: null })
  background.start()
  await clock.advance(10)
  equal(clock.timers().map((timer) => timer.unref), [true], 'only a background entry: unref')
  const held = sleep(20, undefined, { clock })
  equal(clock.timers().map((timer) => timer.unref), [false], 'a keep-alive sleep pending: ref')
  await clock.advance(20)
  equal(await held, true, 'sleep result')
  equal(clock.timers().map((timer) => timer.unref), [true], 'back to background only: unref')
  await registry.stopAll()
  equal(clock.armedTimers, 0, 'timers left armed')
})

test('a clock without unref() still runs keepAlive: false tasks (the feature is optional)', async () => {
  const inner = createTestClock()
  // Like workerd or a browser: timers exist, unref does not.
  const clock: Clock = {
    now: () => inner.now(),
    wallNow: () => inner.wallNow(),
    setTimeout: (callback, ms) => inner.setTimeout(callback, ms),
    clearTimeout: (handle) => inner.clearTimeout(handle),
  }
  const registry = new TaskRegistry({ clock })
  let runs = 0
  const task = createTask({ name: 'no-unref', interval: 10, keepAlive: false, run: () => void runs++, registry, scheduler: null })
  task.start()
  await inner.advance(35)
  equal(runs, 4, 'runs')
  assert(inner.timers().every((timer) => !timer.unref), 'nothing was unref-ed')
  await task.stop()
  equal(inner.armedTimers, 0, 'timers left armed')
})

test("systemClock.unref() accepts this runtime's timer handles, whatever their shape", () => {
  const handle = systemClock.setTimeout(() => {}, 60_000)
  try {
    systemClock.unref?.(handle)
  } finally {
    systemClock.clearTimeout(handle)
  }
  // Handles of other runtimes (a number here in Node, an object in Deno) are ignored, not fatal.
  systemClock.unref?.(12345)
  systemClock.unref?.({})
  systemClock.unref?.(undefined)
})
