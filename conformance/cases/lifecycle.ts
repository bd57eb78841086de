import { TaskStoppedError } from '@tickwork/core'
import { assert, equal, test } from '../harness.ts'
import { aborted, setup } from './util.ts'

test('start() runs at once, then every interval after a run ends; stop() ends the loop', async () => {
  const { clock, make } = setup()
  const starts: number[] = []
  const task = make({ name: 'tick', interval: 100, run: () => void starts.push(clock.now()) })
  equal(task.start(), true, 'first start()')
  equal(task.start(), false, 'second start()')
  await clock.advance(250)
  equal(starts, [0, 100, 200], 'run start times')
  equal(await task.stop(), true, 'stop() result')
  equal(task.state, 'stopped', 'state')
  await clock.advance(1000)
  equal(starts.length, 3, 'runs after stop()')
  equal(clock.armedTimers, 0, 'timers left armed')
})

test('stop() aborts the running run with TaskStoppedError and waits for it to settle', async () => {
  const { clock, make } = setup()
  let reason: unknown
  let settled = false
  const task = make({
    name: 'long',
    run: async ({ signal }) => {
      await aborted(signal)
      reason = signal.reason
      settled = true
    },
  })
  task.start()
  await clock.advance(0)
  equal(task.state, 'running', 'state while running')
  const stopped = await task.stop({ timeout: 100 })
  equal(stopped, true, 'stop() result')
  assert(settled, 'the run settled before stop() resolved')
  assert(reason instanceof TaskStoppedError, `abort reason is a TaskStoppedError, got ${String(reason)}`)
})

test('trigger() during a run coalesces into exactly one extra run', async () => {
  const { clock, make } = setup()
  let runs = 0
  let release: () => void = () => {}
  const task = make({
    name: 'coalesce',
    interval: 10_000,
    run: () => {
      runs++
      return new Promise<void>((resolve) => (release = resolve))
    },
  })
  task.start()
  await clock.advance(0)
  equal(runs, 1, 'runs after start')
  task.trigger()
  task.trigger()
  task.trigger()
  release()
  await clock.flush()
  equal(runs, 2, 'runs after three triggers during one run')
  release()
  await clock.flush()
  equal(runs, 2, 'no further run until the interval')
  equal(task.history.filter((summary) => summary.trigger === 'manual').length, 1, 'manual runs in history')
  await task.stop()
})

test('pause() holds the schedule and resume() runs what fell due', async () => {
  const { clock, make } = setup()
  let runs = 0
  const task = make({ name: 'p', interval: 100, run: () => void runs++ })
  task.start()
  await clock.advance(0)
  equal(runs, 1, 'runs at start')
  task.pause()
  equal(task.state, 'paused', 'state')
  await clock.advance(1000)
  equal(runs, 1, 'runs while paused')
  task.resume()
  await clock.advance(0)
  equal(runs, 2, 'runs right after resume')
  await clock.advance(100)
  equal(runs, 3, 'runs one interval later')
  await task.stop()
})

test('maxRuns completes the loop after that many runs', async () => {
  const { clock, make } = setup()
  let runs = 0
  const task = make({ name: 'max', interval: 10, maxRuns: 3, run: () => void runs++ })
  task.start()
  await clock.advance(1000)
  equal(runs, 3, 'runs')
  equal(task.state, 'completed', 'state')
  assert(task.status().stopReason?.includes('maxRuns'), `stopReason names maxRuns: ${task.status().stopReason}`)
  equal(clock.armedTimers, 0, 'timers left armed')
})
