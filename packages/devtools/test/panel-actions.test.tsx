import { localSource, type RegistrySource } from '@tickwork/core/bridge'
import { act, cleanup, fireEvent, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { memoryStorage, setup } from './helpers.ts'
import { panelHarness, row } from './panel-harness.tsx'

describe('panel actions and words', () => {
  const harness = panelHarness()
  const { frame, advance, mount } = harness
  let env: ReturnType<typeof setup>
  let storage: ReturnType<typeof memoryStorage>
  beforeEach(() => {
    env = harness.env
    storage = harness.storage
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('applies a bulk action to the shown tasks it fits, asking first above ten', async () => {
    const tasks = Array.from({ length: 12 }, (_, index) => env.make({ name: `job-${index}` }))
    env.make({ name: 'other' }).start()
    for (const task of tasks) task.start()
    await advance(0)
    const { ui } = mount()
    fireEvent.change(ui.getByLabelText('Filter tasks by name'), { target: { value: 'job-1' } })
    // job-1, job-10, job-11: three, so no question.
    fireEvent.click(ui.getByLabelText('Bulk actions on the 3 shown tasks'))
    fireEvent.click(ui.getByLabelText('Pause 3 shown tasks'))
    expect(tasks.filter((task) => task.state === 'paused').map((task) => task.name)).toEqual(['job-1', 'job-10', 'job-11'])
    frame()
    fireEvent.change(ui.getByLabelText('Filter tasks by name'), { target: { value: 'job' } })
    fireEvent.click(ui.getByLabelText('Bulk actions on the 12 shown tasks'))
    expect((ui.getByLabelText('Resume 3 shown tasks') as HTMLButtonElement).disabled).toBe(false)
    fireEvent.click(ui.getByLabelText('Stop 12 shown tasks'))
    const confirm = ui.getByRole('alertdialog', { name: 'Confirm stop' })
    expect(confirm.textContent).toContain('Stop 12 tasks that the filters show?')
    expect(tasks.some((task) => task.state === 'stopped')).toBe(false)
    fireEvent.click(within(confirm).getByText('Cancel'))
    fireEvent.click(ui.getByLabelText('Stop 12 shown tasks'))
    fireEvent.click(within(ui.getByRole('alertdialog')).getByText('Stop 12'))
    await advance(0)
    expect(tasks.every((task) => task.state === 'stopped')).toBe(true)
    expect(env.registry.get('other')!.state).not.toBe('stopped')
  })

  it('has no bulk actions on a read-only source', () => {
    env.make({ name: 'a' })
    const source: RegistrySource = { ...localSource(env.registry, 'snapshot'), controllable: false }
    const { ui } = mount({ registry: undefined, sources: [source] } as never)
    expect(ui.queryByLabelText(/Bulk actions/)).toBeNull()
  })

  it('puts every count in one chip whose popover names them; Escape closes the popover, not the panel', () => {
    env.make({ name: 'a' }).start()
    env.make({ name: 'b' })
    const onClose = vi.fn()
    const { ui } = mount({ onClose })
    frame()
    const chip = ui.getByRole('button', { name: /^2 tasks, 1 live: show all counts$/ })
    fireEvent.click(chip)
    const counts = ui.getByRole('group', { name: /show all counts/ })
    expect(counts.textContent).toContain('loops that are scheduled, running or paused')
    expect(counts.textContent).toContain('runs in flight right now')
    fireEvent.keyDown(counts, { key: 'Escape' })
    expect(ui.queryByRole('group', { name: /show all counts/ })).toBeNull()
    expect(onClose).not.toHaveBeenCalled()
    expect(ui.getByText('2 tasks', { selector: '.shown' })).toBeTruthy()
  })

  it('switches the theme from its settings and remembers it over the prop', () => {
    env.make({ name: 'a' })
    const { ui, root } = mount({ theme: 'light' })
    expect(root.getAttribute('data-theme')).toBe('light')
    fireEvent.click(ui.getByLabelText('Panel settings'))
    fireEvent.click(ui.getByLabelText('Dark theme'))
    expect(root.getAttribute('data-theme')).toBe('dark')
    expect(JSON.parse(storage.data['tickwork-devtools']!).theme).toBe('dark')
    cleanup()
    const again = mount({ theme: 'light' })
    expect(again.root.getAttribute('data-theme')).toBe('dark')
  })

  it('shows "updates paused" instead of a countdown while live updates are paused', async () => {
    env.make({ name: 'p', interval: 1000 }).start()
    await advance(0)
    const { ui, root } = mount()
    expect(row(root, 'p').querySelector('.next')!.textContent).toMatch(/ms|s$/)
    fireEvent.click(ui.getByRole('switch', { name: 'Live updates' }))
    await advance(5000)
    expect(row(root, 'p').querySelector('.next')!.textContent).toBe('updates paused')
    expect(row(root, 'p').querySelector('.runs')!.getAttribute('title')).toMatch(/^\d+ runs, 0 failed$/)
  })

  it('filters and pages the history, and opens a run to its extra as JSON and a copy button', async () => {
    let count = 0
    const task = env.make({ name: 'h', interval: 100, run: () => ({ message: `run ${count}`, extra: { page: String(count++), body: '{"items":[1,2],"ok":true}' } }) })
    task.start()
    await advance(2450)
    task.trigger()
    await advance(0)
    const { ui, root } = mount()
    fireEvent.click(row(root, 'h'))
    const inspector = within(ui.getByRole('region', { name: 'Inspector: h' }))
    expect(inspector.getByRole('group', { name: 'History pages' }).textContent).toMatch(/^1–20 of 2\d$/)
    fireEvent.click(inspector.getByLabelText('Older runs'))
    expect(inspector.getByRole('group', { name: 'History pages' }).textContent).toMatch(/^21–2\d of 2\d$/)
    fireEvent.click(inspector.getByLabelText('manual runs only (Run now)'))
    const rows = root.querySelectorAll('table.history tbody tr')
    expect(rows).toHaveLength(1)
    expect(rows[0]!.textContent).toContain('manual')
    fireEvent.click(inspector.getByLabelText(/Show details of run \d+/))
    const details = inspector.getByRole('region', { name: /Details of run/ })
    const extra = within(details).getByRole('group', { name: 'extra' })
    expect(extra.textContent).toContain('items')
    expect(extra.querySelector('.j-bool')?.textContent).toBe('true')
    const writeText = vi.fn(async () => {})
    Object.defineProperty(window.navigator, 'clipboard', { configurable: true, value: { writeText } })
    await act(async () => {
      fireEvent.click(within(details).getByLabelText(/Copy run \d+ as JSON/))
    })
    expect(JSON.parse((writeText.mock.calls[0] as unknown as [string])[0])).toMatchObject({ task: 'h', trigger: 'manual', success: true })
    expect(within(details).getByRole('status').textContent).toBe('Copied to the clipboard')
    fireEvent.click(inspector.getByLabelText('failures only'))
    expect(inspector.getByText(/No failed runs among the/)).toBeTruthy()
  })

  it('keeps configuration and stats folded in a one-line summary, with the schedule in the unit format', async () => {
    env.make({ name: 's', interval: 2000 })
    const { ui, root } = mount()
    fireEvent.click(row(root, 's'))
    const summary = root.querySelector('details.insp-summary')!
    expect(summary.hasAttribute('open')).toBe(false)
    expect(summary.querySelector('summary')!.textContent).toContain('every 2.0 s')
    expect(within(summary as HTMLElement).getByText(/2\.0 s \(fixed/)).toBeTruthy()
    expect(ui.getByLabelText('Back to the list')).toBeTruthy()
    // No font glyph stands in for an icon.
    expect(root.textContent).not.toMatch(/[ⓘ◴✕▾▸↑↓]/)
  })
})
