import { IrrecoverableError, TimeoutError } from '@tickwork/core'
import { assert, equal, test } from '../harness.ts'
import { aborted, setup } from './util.ts'

test('timeout aborts the run signal with a TimeoutError and records a failed run', async () => {
  const { clock, make } = setup()
  let reason: unknown
  const task = make({
    name: 'slow',
    interval: 1000,
    timeout: 50,
    run: async ({ signal }) => {
      await aborted(signal)
      reason = signal.reason
    },
  })
  task.start()
  await clock.advance(50)
  assert(reason instanceof TimeoutError, `abort reason is a TimeoutError, got ${String(reason)}`)
  const last = task.status().lastSummary
  equal(last?.success, false, 'last run success')
  equal(last?.message, 'timed out after 50 ms', 'last run message')
  equal(task.state, 'scheduled', 'the loop goes on')
  await task.stop()
})

test('an ordinary error is recorded and the loop goes on', async () => {
  const { clock, make, warnings } = setup()
  let runs = 0
  const task = make({
    name: 'flaky',
    interval: 10,
    run: () => {
      runs++
      throw new Error('boom')
    },
  })
  task.start()
  await clock.advance(25)
  equal(runs, 3, 'runs')
  equal(task.state, 'scheduled', 'state')
  equal(task.status().failedRuns, 3, 'failedRuns')
  equal(task.status().lastSummary?.error?.message, 'boom', 'recorded error')
  equal(warnings.length, 3, 'warnings logged')
  await task.stop()
})

test('an IrrecoverableError stops the loop with state failed', async () => {
  const { clock, make } = setup()
  let runs = 0
  const task = make({
    name: 'fatal',
    interval: 10,
    onError: () => {},
    run: () => {
      runs++
      throw new IrrecoverableError('credentials revoked')
    },
  })
  task.start()
  await clock.advance(100)
  equal(runs, 1, 'runs')
  equal(task.state, 'failed', 'state')
  equal(task.status().stopReason, 'IrrecoverableError: credentials revoked', 'stopReason')
  equal(clock.armedTimers, 0, 'timers left armed')
})
