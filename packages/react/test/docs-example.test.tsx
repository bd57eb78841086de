// The testing example of docs/react.md, verbatim: it must keep passing.
import { StrictMode } from 'react'
import { act, render } from '@testing-library/react'
import { expect, it } from 'vitest'
import { TaskRegistry } from '@tickwork/core'
import { timerQueueFor } from '@tickwork/core/testing'
import { createTestClock } from '@tickwork/core/testing'
import { useTask } from '@tickwork/react'
import './helpers.ts'

it('runs once per interval under StrictMode', async () => {
  const clock = createTestClock()
  const registry = new TaskRegistry({ clock })
  let runs = 0
  function Job() {
    useTask({ name: 'job', interval: 1000, registry, run: () => void runs++ })
    return null
  }
  const view = render(<StrictMode><Job /></StrictMode>)
  await act(() => clock.advance(0))
  expect(registry.list().map((task) => task.name)).toEqual(['job'])
  expect(timerQueueFor(clock).size).toBe(1) // one pending wake-up
  await act(() => clock.advance(3000))
  expect(runs).toBe(4) // at 0, 1000, 2000, 3000: never doubled
  view.unmount()
  expect(registry.size).toBe(0)
  expect(clock.armedTimers).toBe(0)
})
