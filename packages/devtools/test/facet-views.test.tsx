import { act, cleanup, fireEvent, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { CacheStatus, QueueStatus } from '../src/facet/facet-types.ts'
import { FacetView } from '../src/ui/facet-view.tsx'
import { makeView, renderWithSource, staticSource } from './view-harness.tsx'

const NOW = 1_700_000_000_000

const queue: QueueStatus = {
  kind: 'queue',
  state: 'working',
  pending: [
    { key: 'user:1', count: 3, since: NOW - 12_000 },
    { key: 'user:2', count: 1, since: NOW - 500 },
  ],
  running: [{ key: 'user:9', startedAt: NOW - 2500 }],
  droppedCount: 7,
  dropped: [{ key: 'user:77', at: NOW - 60_000 }],
  results: [
    { key: 'user:5', success: false, message: 'index failed', durationMs: 42, at: NOW - 1000 },
    { key: 'user:4', success: true, message: 'indexed', durationMs: 8, at: NOW - 3000 },
  ],
  concurrency: 2,
  maxSize: 100,
}

const cache: CacheStatus = {
  kind: 'cache',
  hasValue: true,
  updatedAt: NOW - 4000,
  expiresAt: NOW + 6000,
  refreshing: false,
  errorCount: 2,
  lastError: { name: 'FetchError', message: 'HTTP 503', at: NOW - 30_000 },
}

afterEach(cleanup)

function mount(facet: QueueStatus | CacheStatus, controllable = true) {
  const view = makeView(facet.kind === 'queue' ? 'indexer' : 'prices', [], { facet })
  const source = staticSource([view], NOW, controllable)
  const rendered = renderWithSource(source, (store) => {
    const Current = () => <FacetView view={store.store.getState().tasks[view.status.name] ?? view} />
    return <Current />
  })
  return { ...rendered, source, ui: within(rendered.container) }
}

describe('<QueueView>', () => {
  it('shows pending keys with counts and age, running keys, dropped keys and the last results', () => {
    const { ui } = mount(queue)
    const region = ui.getByRole('region', { name: 'Queue indexer' })
    expect(region.textContent).toContain('working')
    const pending = ui.getByRole('table', { name: 'Pending keys' })
    const rows = within(pending).getAllByRole('row').slice(1).map((row) => row.textContent)
    expect(rows).toEqual(['user:1312 s', 'user:21500 ms'])
    expect(within(ui.getByRole('table', { name: 'Running keys' })).getByText('2.5 s')).toBeTruthy()
    const dropped = ui.getByRole('table', { name: 'Dropped keys' })
    expect(dropped.textContent).toContain('latest 1 of 7')
    expect(dropped.textContent).toContain('user:77')
    const results = ui.getByRole('table', { name: 'Last result per key' })
    expect(within(results).getByText('index failed')).toBeTruthy()
    expect(within(results).getAllByText(/^(ok|failed)$/).map((cell) => cell.textContent)).toEqual(['failed', 'ok'])
    expect(region.textContent).toContain('2 / 100')
    expect(region.textContent).toContain('1 / 2')
  })

  it('drains, stops and clears dropped keys through the source', () => {
    const { ui, control } = mount(queue)
    fireEvent.click(ui.getByRole('button', { name: /^Drain/ }))
    fireEvent.click(ui.getByRole('button', { name: /^Stop the queue/ }))
    fireEvent.click(ui.getByRole('button', { name: /^Clear the dropped keys/ }))
    expect(control.mock.calls).toEqual([
      ['indexer', { type: 'facet', action: 'drain' }],
      ['indexer', { type: 'facet', action: 'stop' }],
      ['indexer', { type: 'facet', action: 'clearDropped' }],
    ])
  })

  it('notifies a key typed in, and only a non-empty one', () => {
    const { ui, control } = mount(queue)
    const notify = ui.getByRole('button', { name: /^Notify the queue of a key/ }) as HTMLButtonElement
    expect(notify.disabled).toBe(true)
    const input = ui.getByRole('textbox', { name: 'Key to notify (indexer)' })
    fireEvent.change(input, { target: { value: 'user:42' } })
    fireEvent.submit(input.closest('form')!)
    expect(control).toHaveBeenLastCalledWith('indexer', { type: 'facet', action: 'notify', arg: 'user:42' })
    expect((input as HTMLInputElement).value).toBe('')
  })

  it('disables what cannot be done: drain with nothing pending, anything once stopped', () => {
    const { ui } = mount({ ...queue, state: 'stopped', pending: [], droppedCount: 0, dropped: [] })
    for (const name of [/^Drain/, /^Stop the queue/, /^Clear the dropped keys/]) expect((ui.getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(true)
    expect(ui.getByText('Nothing pending.')).toBeTruthy()
  })

  it('offers no controls on a read-only source', () => {
    const { ui } = mount(queue, false)
    expect(ui.queryByRole('toolbar')).toBeNull()
    expect(ui.getByRole('table', { name: 'Pending keys' })).toBeTruthy()
  })
})

describe('<CacheView>', () => {
  it('shows age, expiry, last refresh and source errors', () => {
    const { ui } = mount(cache)
    const region = ui.getByRole('region', { name: 'Cache prices' })
    expect(region.textContent).toContain('fresh')
    expect(region.textContent).toContain('age4.0 s')
    expect(region.textContent).toContain('expiresin 6.0 s')
    expect(region.textContent).toContain('source errors2')
    expect(ui.getByRole('note', { name: 'Last source error' }).textContent).toContain('FetchError: HTTP 503')
  })

  it('ages on the shared ticker and says when the value expired', async () => {
    const { ui, source, env } = mount(cache)
    source.clock.now = NOW + 8000
    await act(async () => {
      await env.clock.advance(250)
    })
    const region = ui.getByRole('region', { name: 'Cache prices' })
    expect(region.textContent).toContain('stale')
    expect(region.textContent).toContain('expired 2.0 s ago')
  })

  it('refreshes and invalidates through the source', () => {
    const { ui, control } = mount(cache)
    fireEvent.click(ui.getByRole('button', { name: /^Refresh/ }))
    fireEvent.click(ui.getByRole('button', { name: /^Invalidate/ }))
    expect(control.mock.calls).toEqual([
      ['prices', { type: 'facet', action: 'refresh' }],
      ['prices', { type: 'facet', action: 'invalidate' }],
    ])
  })

  it('cannot invalidate an empty cache, nor refresh one that is refreshing', () => {
    const { ui } = mount({ ...cache, hasValue: false, refreshing: true, lastError: null })
    expect((ui.getByRole('button', { name: /^Refresh/ }) as HTMLButtonElement).disabled).toBe(true)
    expect((ui.getByRole('button', { name: /^Invalidate/ }) as HTMLButtonElement).disabled).toBe(true)
    expect(ui.getByRole('region', { name: 'Cache prices' }).textContent).toContain('refreshing')
  })
})

describe('the inspector’s task controls', () => {
  it('leave out the loop controls of a queue’s worker, and keep them for a cache’s refresher', async () => {
    const { Controls } = await import('../src/ui/controls.tsx')
    const withControls = (facet: QueueStatus | CacheStatus) => {
      const view = makeView(facet.kind === 'queue' ? 'indexer' : 'prices', [], { facet })
      return within(renderWithSource(staticSource([view], NOW), () => <Controls view={view} />).container)
    }
    const queueControls = withControls(queue)
    expect(queueControls.queryByRole('button', { name: 'Start indexer' })).toBeNull()
    expect(queueControls.queryByRole('button', { name: 'Run now indexer' })).toBeNull()
    expect(queueControls.getByRole('button', { name: 'Clear history indexer' })).toBeTruthy()
    cleanup()
    expect(withControls(cache).getByRole('button', { name: 'Run now prices' })).toBeTruthy()
  })
})

describe('<FacetView>', () => {
  it('renders nothing for a task without a facet', () => {
    const view = makeView('plain', [])
    const { container } = renderWithSource(staticSource([view], NOW), () => <FacetView view={view} />)
    expect(container.textContent).toBe('')
  })
})
