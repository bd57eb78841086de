import { StrictMode } from 'react'
import { act, cleanup, render } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getDefaultRegistry, systemClock } from '@tickwork/core'
import { timerQueueFor } from '@tickwork/core/testing'
import { App } from '../src/app.tsx'

beforeEach(() => {
  // The jobs' first runs would reach for the network; nothing answers in these tests.
  vi.stubGlobal('fetch', () => new Promise(() => {}))
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('the demo app under StrictMode', () => {
  it('registers each job once, one wake-up per timed job, and removes them all on unmount', async () => {
    const registry = getDefaultRegistry()
    const view = render(
      <StrictMode>
        <App />
      </StrictMode>,
    )
    expect(registry.list().map((task) => task.name)).toEqual(['heartbeat', 'status-poller', 'metrics-flusher', 'cache-warmer', 'license-check', 'search-indexer'])
    // The search indexer's worker is live from the start (stopAll() stops it), waiting for edits with nothing armed.
    expect(registry.list().map((task) => task.state)).toEqual(['scheduled', 'scheduled', 'scheduled', 'scheduled', 'scheduled', 'scheduled'])
    expect(timerQueueFor(systemClock).size).toBe(5)
    expect(registry.get('search-indexer')?.status().nextRunAt).toBeNull()
    expect(view.getByTestId('job-heartbeat').dataset['state']).toBe('scheduled')
    act(() => view.unmount())
    expect(registry.size).toBe(0)
    expect(timerQueueFor(systemClock).size).toBe(0)
  })

  it('hides the jobs (but keeps them running) on #/panel', () => {
    window.location.hash = '#/panel'
    const view = render(<App />)
    expect(view.getByTestId('panel-page')).toBeTruthy()
    expect(view.container.querySelector<HTMLElement>('main.jobs')?.hidden).toBe(true)
    expect(getDefaultRegistry().size).toBe(6)
    act(() => view.unmount())
    window.location.hash = ''
  })
})
