// The timeline and the facet views inside the whole panel: tabs, the
// inspector they open, and controls reaching the registry.
import { act, cleanup, fireEvent, render, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { attachFacet, fakeCacheFacet, fakeQueueFacet } from '../../core/test/fake-facets.ts'
import { TickworkDevtoolsPanel } from '../src/index.ts'
import type { DevtoolsEnvironment } from '../src/ui/environment.tsx'
import { fakeListLayout, memoryStorage, setup, shadowRootOf } from './helpers.ts'

describe('the panel’s timeline and facet views', () => {
  let env: ReturnType<typeof setup>
  let environment: DevtoolsEnvironment
  let restoreLayout: () => void
  beforeEach(() => {
    restoreLayout = fakeListLayout(400, 768, ['list-scroll', 'tl-scroll'])
    env = setup()
    environment = { scheduleFrame: env.frames.schedule, clock: env.clock, storage: memoryStorage() }
  })
  afterEach(() => {
    cleanup()
    restoreLayout()
  })

  const frame = (): void => act(() => void env.frames.flushFrame())
  const advance = async (ms: number): Promise<void> => {
    await act(async () => {
      await env.clock.advance(ms)
    })
    frame()
  }
  const mount = () => {
    const result = render(<TickworkDevtoolsPanel registry={env.registry} environment={environment} />)
    frame()
    const root = shadowRootOf(result.container)
    return { ...result, root, ui: within(root) }
  }

  it('has a Timeline tab beside the list; a click on a bar opens that run in the inspector', async () => {
    let n = 0
    env.make({ name: 'poll', interval: 100, run: () => (n++ % 2 === 1 ? { success: false, message: `miss ${n}` } : `hit ${n}`) }).start()
    env.make({ name: 'idle', interval: 60_000 })
    const { ui, root } = mount()
    await advance(450)
    const tab = ui.getByRole('tab', { name: 'Timeline' })
    fireEvent.click(tab)
    expect(tab.getAttribute('aria-selected')).toBe('true')
    const lane = root.querySelector<HTMLElement>('.tl-lane[data-task="poll"]')!
    expect(lane.querySelectorAll('rect.tl-bar')).toHaveLength(5)
    expect(lane.querySelectorAll('rect.tl-fail')).toHaveLength(2)
    fireEvent.click(lane.querySelector('rect[data-run="3"]')!)
    const inspector = ui.getByRole('region', { name: 'Inspector: poll' })
    // The run is open in the history: its details show.
    expect(within(inspector).getByRole('button', { name: /^Hide error of run 3:/ }).getAttribute('aria-expanded')).toBe('true')
    // New runs arrive in the timeline as they happen.
    await advance(200)
    expect(root.querySelectorAll('.tl-lane[data-task="poll"] rect.tl-bar').length).toBeGreaterThan(5)
  })

  it('shows a queue task’s facet in the inspector, and its controls reach task.facet', async () => {
    const queue = fakeQueueFacet(() => env.clock.now(), { pending: [{ key: 'doc:1', count: 2, since: env.clock.now() - 3000 }] })
    attachFacet(env.make({ name: 'indexer', interval: 60_000 }), queue)
    const cache = fakeCacheFacet(() => env.clock.now(), 5000)
    attachFacet(env.make({ name: 'prices', interval: 60_000 }), cache)
    const { ui, root } = mount()
    fireEvent.click(root.querySelector('[role=option][data-task="indexer"]')!)
    const region = ui.getByRole('region', { name: 'Queue indexer' })
    expect(within(region).getByRole('table', { name: 'Pending keys' }).textContent).toContain('doc:1')
    fireEvent.change(within(region).getByRole('textbox', { name: 'Key to notify (indexer)' }), { target: { value: 'doc:2' } })
    fireEvent.click(within(region).getByRole('button', { name: /^Notify the queue of a key/ }))
    // The facet says it changed; the panel shows it at the next frame.
    frame()
    expect(within(ui.getByRole('region', { name: 'Queue indexer' })).getByRole('table', { name: 'Pending keys' }).textContent).toContain('doc:2')
    fireEvent.click(within(ui.getByRole('region', { name: 'Queue indexer' })).getByRole('button', { name: /^Drain/ }))
    frame()
    expect(queue.calls.map((call) => call.action)).toEqual(['notify', 'drain'])
    expect(within(ui.getByRole('region', { name: 'Queue indexer' })).getByText('Nothing pending.')).toBeTruthy()

    fireEvent.click(root.querySelector('[role=option][data-task="prices"]')!)
    const cacheRegion = ui.getByRole('region', { name: 'Cache prices' })
    expect(cacheRegion.textContent).toContain('empty')
    fireEvent.click(within(cacheRegion).getByRole('button', { name: /^Refresh/ }))
    frame()
    expect(ui.getByRole('region', { name: 'Cache prices' }).textContent).toContain('fresh')
    expect(cache.calls).toEqual([{ action: 'refresh', arg: undefined }])
  })
})
