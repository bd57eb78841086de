import { act, cleanup, fireEvent, within } from '@testing-library/react'
import { useState, type ReactElement } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TimelineView } from '../src/timeline/timeline-view.tsx'
import { fakeListLayout } from './helpers.ts'
import { makeView, renderWithSource, staticSource, summary } from './view-harness.tsx'

const NOW = 1_700_000_000_000
const RATE = 'every 1000 ms (fixed rate)'

/** The window the timeline shows (epoch ms), from its data attributes. */
function windowOf(root: HTMLElement): { start: number; span: number } {
  const timeline = root.querySelector<HTMLElement>('.timeline')!
  return { start: Number(timeline.dataset['start']), span: Number(timeline.dataset['span']) }
}

function Harness({ names, onInspect }: { names: readonly string[]; onInspect: (name: string, runIndex?: number) => void }): ReactElement {
  const [selected, setSelected] = useState<string | null>(null)
  return <TimelineView names={names} selected={selected} onSelect={setSelected} onInspect={(name, run) => (setSelected(name), onInspect(name, run))} />
}

function views() {
  return [
    makeView('alpha', [
      summary(0, NOW - 60_000, { durationMs: 3000 }),
      summary(1, NOW - 50_000, { success: false, error: { name: 'Error', message: 'boom' } }),
      summary(2, NOW - 40_000, { success: false, error: { name: 'TimeoutError', message: 'too slow' }, durationMs: 2000 }),
      summary(3, NOW - 30_000, { lateMs: 4000 }),
      summary(4, NOW - 20_000, { trigger: 'manual', message: 'by hand' }),
    ]),
    // Fixed rate, due every second: the slots at -8 s and -7 s were skipped.
    makeView('beta', [summary(0, NOW - 10_000), summary(1, NOW - 9000), summary(2, NOW - 6000)], {}, RATE),
    makeView('gamma', []),
  ]
}

describe('<TimelineView>', () => {
  let restore: () => void
  beforeEach(() => {
    // 768 px wide: a 168 px name column and 600 px of lane.
    restore = fakeListLayout(400, 768, ['tl-scroll'])
  })
  afterEach(() => {
    cleanup()
    restore()
  })

  function mount(names = ['alpha', 'beta', 'gamma']) {
    const source = staticSource(views(), NOW)
    const onInspect = vi.fn()
    const rendered = renderWithSource(source, () => <Harness names={names} onInspect={onInspect} />)
    const root = rendered.container
    const lane = (name: string) => root.querySelector<HTMLElement>(`.tl-lane[data-task="${name}"]`)!
    const bar = (name: string, run: number) => lane(name).querySelector<SVGRectElement>(`rect[data-run="${run}"]`)!
    const svg = (name: string) => lane(name).querySelector('svg')!
    const scroll = root.querySelector<HTMLElement>('.tl-scroll')!
    const button = (name: string) => within(root).getByRole('button', { name })
    return { ...rendered, source, onInspect, root, lane, bar, svg, scroll, button }
  }

  it('draws one lane per task and one bar per run, coloured by result', () => {
    const { lane, bar, root } = mount()
    expect(root.querySelectorAll('.tl-lane')).toHaveLength(3)
    expect(lane('alpha').querySelectorAll('rect.tl-bar')).toHaveLength(5)
    expect(lane('gamma').querySelectorAll('rect.tl-bar')).toHaveLength(0)
    expect(bar('alpha', 0).getAttribute('data-kind')).toBe('ok')
    expect(bar('alpha', 1).getAttribute('class')).toContain('tl-fail')
    expect(bar('alpha', 2).getAttribute('class')).toContain('tl-timeout')
    expect(bar('alpha', 4).getAttribute('class')).toContain('tl-manual')
    expect(lane('alpha').getAttribute('aria-label')).toBe('alpha: 5 runs kept, 2 failed')
  })

  it('puts bars where their runs happened and as long as they took', () => {
    const { bar } = mount()
    const first = bar('alpha', 0)
    const second = bar('alpha', 3)
    // Coordinates are ms: the two starts are 30 s apart, the first bar 3 s long.
    expect(Number(second.getAttribute('x')) - Number(first.getAttribute('x'))).toBe(30_000)
    expect(Number(first.getAttribute('width'))).toBe(3000)
    // A 20 ms run is drawn 2 px wide: 1 s at 500 ms per px.
    expect(Number(second.getAttribute('width'))).toBe(1000)
  })

  it('shows lateness as a gap line before the bar, and marks time-outs and skipped slots', () => {
    const { lane, bar } = mount()
    const late = lane('alpha').querySelectorAll('rect.tl-late')
    expect(late).toHaveLength(1)
    expect(Number(late[0]!.getAttribute('width'))).toBe(4000)
    expect(Number(late[0]!.getAttribute('x')) + 4000).toBe(Number(bar('alpha', 3).getAttribute('x')))
    expect(lane('alpha').querySelectorAll('rect.tl-cap')).toHaveLength(1)
    const skips = lane('beta').querySelectorAll('rect.tl-skip')
    expect(skips).toHaveLength(2)
    expect(lane('beta').getAttribute('aria-label')).toContain('2 skipped slots')
  })

  it('shows the last 5 minutes, following now, and zooms with its buttons and the keyboard', () => {
    const { button, root, scroll } = mount()
    const viewBoxSpan = () => windowOf(root).span
    expect(within(root).getByRole('status', { name: 'Time shown' }).textContent).toBe('last 5.0 min')
    expect(viewBoxSpan()).toBe(300_000)
    expect(button('Follow now').getAttribute('aria-pressed')).toBe('true')
    fireEvent.click(button('Zoom in'))
    expect(viewBoxSpan()).toBe(120_000)
    fireEvent.click(button('Zoom out'))
    fireEvent.click(button('Zoom out'))
    expect(viewBoxSpan()).toBe(600_000)
    fireEvent.keyDown(scroll, { key: '+' })
    expect(viewBoxSpan()).toBe(300_000)
    fireEvent.keyDown(scroll, { key: '-' })
    expect(viewBoxSpan()).toBe(600_000)
  })

  it('zooms with Ctrl/⌘ + wheel around the pointer, and pans with a sideways wheel', () => {
    const { root, scroll, button } = mount()
    const viewBox = () => [windowOf(root).start, 0, windowOf(root).span]
    const [start, , span] = viewBox()
    const wheel = (init: WheelEventInit) => {
      const event = new WheelEvent('wheel', { bubbles: true, cancelable: true, ...init })
      // happy-dom's WheelEvent drops some fields of its init (the modifier keys, deltaX).
      const fields = { ctrlKey: false, metaKey: false, shiftKey: false, deltaX: 0, deltaY: 0, clientX: 0, ...init }
      for (const [key, value] of Object.entries(fields)) Object.defineProperty(event, key, { value })
      act(() => void scroll.dispatchEvent(event))
      return event
    }
    // The pointer at the lane's middle: that time stays in the middle.
    const zoom = wheel({ deltaY: -100, ctrlKey: true, clientX: 168 + 300 })
    expect(zoom.defaultPrevented).toBe(true)
    const [zoomedStart, , zoomedSpan] = viewBox()
    expect(zoomedSpan).toBe(span! * 0.8)
    expect(zoomedStart! + zoomedSpan! / 2).toBeCloseTo(start! + span! / 2)
    expect(button('Follow now').getAttribute('aria-pressed')).toBe('false')
    wheel({ deltaY: 100, metaKey: true, clientX: 168 + 300 })
    fireEvent.click(button('Follow now'))
    // 100 px sideways at 500 ms per px (300 s over 600 px): 50 s back.
    expect(wheel({ deltaX: -100, deltaY: 0 }).defaultPrevented).toBe(true)
    expect(viewBox()[0]).toBeCloseTo(start! - 50_000)
    // A plain vertical wheel scrolls the lanes: not ours.
    expect(wheel({ deltaY: 100 }).defaultPrevented).toBe(false)
  })

  it('fits the window to the oldest kept run, following now', () => {
    const { button, root } = mount()
    fireEvent.click(button('Earlier'))
    fireEvent.click(button('Fit the kept runs'))
    // The oldest run is 60 s old: the smallest step reaching past 63 s is 2 min.
    expect(windowOf(root).span).toBe(120_000)
    expect(button('Follow now').getAttribute('aria-pressed')).toBe('true')
  })

  it('scrolls back and forth in time, and comes back to now', () => {
    const { button, root } = mount()
    const start = () => windowOf(root).start
    const before = start()
    expect(button('Later')).toHaveProperty('disabled', true)
    fireEvent.click(button('Earlier'))
    expect(start()).toBe(before - 150_000)
    expect(within(root).getByRole('status', { name: 'Time shown' }).textContent).toMatch(/^5\.0 min to \d\d:\d\d:\d\d$/)
    expect(button('Follow now').getAttribute('aria-pressed')).toBe('false')
    fireEvent.click(button('Later'))
    expect(start()).toBe(before)
    expect(button('Follow now').getAttribute('aria-pressed')).toBe('true')
  })

  it('slides the lanes under their clip while following, re-drawing their stretch only once it runs out', async () => {
    const { svg, source, env } = mount()
    const state = () => ({ viewBox: svg('alpha').getAttribute('viewBox'), transform: (svg('alpha') as unknown as HTMLElement).style.transform })
    const before = state()
    const advanceBy = async (ms: number) => {
      source.clock.now += ms
      await act(async () => {
        await env.clock.advance(250)
      })
    }
    await advanceBy(1000)
    const slid = state()
    expect(slid.viewBox).toBe(before.viewBox)
    // 1 s at 500 ms per px: 2 px further left.
    const px = (transform: string) => Number(/translateX\((-?[\d.]+)px\)/.exec(transform)![1])
    expect(px(slid.transform) - px(before.transform)).toBeCloseTo(-2)
    // A quarter of the window later the stretch moves on.
    await advanceBy(75_000)
    expect(state().viewBox).not.toBe(before.viewBox)
  })

  it('moves with the source clock while following, on the shared ticker', async () => {
    const { root, source, env } = mount()
    const start = () => windowOf(root).start
    const before = start()
    source.clock.now += 1000
    await act(async () => {
      await env.clock.advance(250)
    })
    expect(start()).toBe(before + 1000)
  })

  it('pans by dragging, and a drag does not open a run', () => {
    const { root, bar, scroll, onInspect } = mount()
    const start = () => windowOf(root).start
    const before = start()
    fireEvent.pointerDown(scroll, { button: 0, clientX: 500 })
    fireEvent.pointerMove(scroll, { buttons: 1, clientX: 600 })
    fireEvent.pointerUp(scroll, { clientX: 600 })
    fireEvent.click(bar('alpha', 0))
    expect(start()).toBe(before - 50_000)
    expect(onInspect).not.toHaveBeenCalled()
  })

  it('shows a run’s summary on hover', () => {
    const { bar, root, scroll } = mount()
    fireEvent.pointerMove(bar('alpha', 3), { clientX: 10 })
    const tip = within(root).getByRole('tooltip')
    expect(tip.textContent).toContain('alpha #3 · ok')
    expect(tip.textContent).toContain('4.0 s late')
    fireEvent.pointerMove(bar('alpha', 2), { clientX: 10 })
    expect(within(root).getByRole('tooltip').textContent).toContain('timed out')
    expect(within(root).getByRole('tooltip').textContent).toContain('TimeoutError: too slow')
    fireEvent.pointerLeave(scroll)
    expect(within(root).queryByRole('tooltip')).toBeNull()
  })

  it('opens a clicked run in the inspector (task and run), and selects a task on a click beside the bars', () => {
    const { bar, lane, onInspect } = mount()
    fireEvent.click(bar('alpha', 1))
    expect(onInspect).toHaveBeenCalledWith('alpha', 1)
    expect(lane('alpha').getAttribute('aria-selected')).toBe('true')
    expect(lane('alpha').querySelector('rect.tl-focus')).not.toBeNull()
    fireEvent.click(lane('beta').querySelector('svg')!)
    expect(lane('beta').getAttribute('aria-selected')).toBe('true')
    expect(onInspect).toHaveBeenCalledTimes(1)
  })

  it('is driven by the keyboard: lanes up and down, runs left and right, Enter opens', () => {
    const { scroll, lane, onInspect, root } = mount()
    fireEvent.keyDown(scroll, { key: 'ArrowDown' })
    expect(lane('alpha').getAttribute('aria-selected')).toBe('true')
    expect(scroll.getAttribute('aria-activedescendant')).toBe(lane('alpha').id)
    fireEvent.keyDown(scroll, { key: 'ArrowLeft' })
    expect(within(root).getByRole('tooltip').textContent).toContain('alpha #4')
    fireEvent.keyDown(scroll, { key: 'ArrowLeft' })
    fireEvent.keyDown(scroll, { key: 'Enter' })
    expect(onInspect).toHaveBeenLastCalledWith('alpha', 3)
    fireEvent.keyDown(scroll, { key: 'End' })
    expect(lane('gamma').getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(scroll, { key: 'Enter' })
    expect(onInspect).toHaveBeenLastCalledWith('gamma', undefined)
  })

  it('labels every control and keeps them in the tab order', () => {
    const { root } = mount()
    for (const name of ['Zoom out', 'Zoom in', 'Earlier', 'Later', 'Follow now', 'Fit the kept runs']) expect(within(root).getByRole('button', { name }).tabIndex).toBe(0)
    expect(within(root).getByRole('listbox').getAttribute('tabindex')).toBe('0')
    expect(within(root).getByRole('listbox').getAttribute('aria-label')).toMatch(/arrow keys/)
  })

  it('re-draws a lane when its task changes, and only that lane', () => {
    const { source, lane, frame } = mount()
    const betaBars = lane('beta').querySelector('svg > rect, svg > g')
    const alpha = makeView('alpha', [summary(0, NOW - 1000)])
    source.set(alpha)
    frame()
    expect(lane('alpha').querySelectorAll('rect.tl-bar')).toHaveLength(1)
    // React kept beta's drawing: the same DOM nodes.
    expect(lane('beta').querySelector('svg > rect, svg > g')).toBe(betaBars)
  })

  it('mounts only the lanes in view', () => {
    const many = Array.from({ length: 1000 }, (_, index) => makeView(`t${index}`, [summary(0, NOW - 1000)]))
    const source = staticSource(many, NOW)
    const { container } = renderWithSource(source, () => <Harness names={many.map((view) => view.status.name)} onInspect={() => {}} />)
    const lanes = container.querySelectorAll('.tl-lane').length
    expect(lanes).toBeGreaterThan(10)
    expect(lanes).toBeLessThan(40)
  })
})
