import { createTask, sleep, TaskRegistry, TimeoutError } from '@tickwork/core'
import { assert, equal, test } from '../harness.ts'
import { aborted } from './util.ts'

// These use the real clock with short waits. They check what happens, never how long it took.

test('real clock: a 5 ms sleep resolves true', async () => {
  equal(await sleep(5), true, 'result')
})

test('real clock: a long sleep aborted by a signal resolves false', async () => {
  const controller = new AbortController()
  const pending = sleep(60_000, controller.signal)
  await sleep(1)
  controller.abort()
  equal(await pending, false, 'result')
})

test('real clock: a keepAlive: false sleep still resolves while the runtime is busy', async () => {
  const background = sleep(2, undefined, { keepAlive: false })
  equal(await sleep(10), true, 'keep-alive sleep')
  equal(await background, true, 'background sleep')
})

test('real clock: a task runs repeatedly, then stops with nothing left in flight', async () => {
  const registry = new TaskRegistry()
  let runs = 0
  let done: () => void = () => {}
  const third = new Promise<void>((resolve) => (done = resolve))
  const task = createTask({
    name: 'real',
    interval: 1,
    registry,
    run: () => {
      if (++runs === 3) done()
    },
  })
  task.start()
  await third
  equal(await registry.stopAll({ timeout: 1000 }), true, 'stopAll() result')
  const after = runs
  await sleep(10)
  equal(runs, after, 'runs after stopAll()')
  equal(task.state, 'stopped', 'state')
})

test('real clock: a run past its timeout sees its signal abort with a TimeoutError', async () => {
  const registry = new TaskRegistry()
  let reason: unknown
  let done: () => void = () => {}
  const finished = new Promise<void>((resolve) => (done = resolve))
  const task = createTask({
    name: 'real-timeout',
    interval: 60_000,
    timeout: 5,
    registry,
    onError: () => {},
    run: async ({ signal }) => {
      await aborted(signal)
      reason = signal.reason
      done()
    },
  })
  task.start()
  await finished
  assert(reason instanceof TimeoutError, `abort reason is a TimeoutError, got ${String(reason)}`)
  await task.stop()
})

test('real clock: setting the wall clock back 1 h (Date.now) neither freezes nor bursts a task', async () => {
  const registry = new TaskRegistry()
  const realNow = Date.now
  let runs = 0
  let runsAtJump = 0
  let done: () => void = () => {}
  const fiveMore = new Promise<void>((resolve) => (done = resolve))
  const task = createTask({
    name: 'wall-jump',
    interval: 2,
    registry,
    scheduler: null,
    run: () => {
      runs++
      if (runsAtJump > 0 && runs >= runsAtJump + 5) done()
    },
  })
  task.start()
  await sleep(10)
  runsAtJump = Math.max(runs, 1)
  // An NTP step or a user changing the time: only the wall clock moves.
  Date.now = () => realNow.call(Date) - 3_600_000
  try {
    // With deadlines on the wall clock this would wait an hour; on monotonic time it goes on.
    const frozen = await Promise.race([fiveMore.then(() => false), sleep(5_000).then(() => true)])
    equal(frozen, false, 'task frozen after the wall clock went back')
    const next = task.status().nextRunAt
    assert(next !== null && Math.abs(next - Date.now()) < 60_000, `nextRunAt follows the new wall clock, got ${next} vs ${Date.now()}`)
  } finally {
    Date.now = realNow
    await registry.stopAll({ timeout: 1000 })
  }
})
