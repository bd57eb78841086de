import { IrrecoverableError } from '@tickwork/core'
import { localSource, type RegistrySource } from '@tickwork/core/bridge'
import { act, fireEvent, render, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { TickworkDevtoolsPanel } from '../src/index.ts'
import type { DevtoolsEnvironment } from '../src/ui/environment.tsx'
import { setup, type memoryStorage } from './helpers.ts'
import { panelHarness, row } from './panel-harness.tsx'

describe('<TickworkDevtoolsPanel>', () => {
  const harness = panelHarness()
  const { frame, advance, mount } = harness
  let env: ReturnType<typeof setup>
  let environment: DevtoolsEnvironment
  beforeEach(() => {
    env = harness.env
    environment = harness.environment
  })

  it('renders into a shadow root with one style element carrying the nonce', () => {
    const { container, root } = mount({ styleNonce: 'abc123' })
    const shadow = container.querySelector('[data-tickwork-devtools]')!.shadowRoot!
    const styles = shadow.querySelectorAll('style')
    expect(styles).toHaveLength(1)
    expect(styles[0]!.getAttribute('nonce') ?? styles[0]!.nonce).toBe('abc123')
    expect(styles[0]!.textContent).toContain('tickwork-devtools:panel')
    expect(document.head.querySelectorAll('style')).toHaveLength(0)
    expect(root.getAttribute('data-theme')).toMatch(/light|dark/)
  })

  it('shows tasks and their runs as events arrive, once per frame', async () => {
    const task = env.make({ name: 'poll', level: 'high', interval: 100, run: () => ({ message: 'ok', extra: { page: 2 } }) })
    const { ui, root } = mount()
    expect(ui.getByText('poll')).toBeTruthy()
    task.start()
    await act(async () => {
      await env.clock.advance(350)
    })
    // Nothing shows before the frame runs, however many runs happened.
    expect(within(row(root, 'poll')).getByText('0')).toBeTruthy()
    expect(env.frames.pending).toBe(1)
    frame()
    expect(within(row(root, 'poll')).getByText('4')).toBeTruthy()
    expect(within(row(root, 'poll')).getByText('high')).toBeTruthy()
  })

  it('filters by text and level and sorts', async () => {
    env.make({ name: 'alpha', level: 'low' })
    env.make({ name: 'beta', level: 'critical' })
    env.make({ name: 'gamma', level: 'high' })
    const { ui, root } = mount()
    const names = (): (string | null)[] => [...root.querySelectorAll('[role=option][data-task]')].map((row) => row.getAttribute('data-task'))
    expect(names()).toEqual(['alpha', 'beta', 'gamma'])
    fireEvent.change(ui.getByLabelText('Sort by'), { target: { value: 'level' } })
    expect(names()).toEqual(['beta', 'gamma', 'alpha'])
    fireEvent.click(ui.getByLabelText('Sort descending'))
    expect(names()).toEqual(['alpha', 'gamma', 'beta'])
    fireEvent.change(ui.getByLabelText('Filter by level'), { target: { value: 'high' } })
    expect(names()).toEqual(['gamma'])
    fireEvent.change(ui.getByLabelText('Filter by level'), { target: { value: 'all' } })
    fireEvent.change(ui.getByLabelText('Filter tasks by name'), { target: { value: 'ET' } })
    expect(names()).toEqual(['beta'])
    expect(ui.getByText('1 of 3')).toBeTruthy()
    expect(JSON.parse((environment.storage as ReturnType<typeof memoryStorage>).data['tickwork-devtools']!).query).toMatchObject({ text: 'ET', sort: 'level', descending: true })
  })

  it('controls call the task: start, pause, resume, run now, clear history, stop', async () => {
    const task = env.make({ name: 'sync', interval: 1000 })
    const { ui, root } = mount()
    fireEvent.click(row(root, 'sync'))
    fireEvent.click(ui.getByLabelText('Start sync'))
    await advance(0)
    expect(task.status().isRunning).toBe(true)
    fireEvent.click(ui.getByLabelText('Pause sync'))
    expect(task.state).toBe('paused')
    frame()
    fireEvent.click(ui.getByLabelText('Resume sync'))
    expect(task.state).not.toBe('paused')
    frame()
    const runs = task.status().totalRuns
    fireEvent.click(ui.getByLabelText('Run now sync'))
    await advance(0)
    expect(task.status().totalRuns).toBe(runs + 1)
    expect(within(ui.getByRole('region', { name: 'Inspector: sync' }).querySelector('table.history')!).getAllByText('manual')).toHaveLength(1)
    fireEvent.click(ui.getByLabelText('Clear history sync'))
    frame()
    expect(task.history).toEqual([])
    expect(ui.getByText('No runs recorded yet.')).toBeTruthy()
    fireEvent.click(ui.getByLabelText('Stop sync'))
    await advance(0)
    expect(task.state).toBe('stopped')
    expect((ui.getByLabelText('Start sync') as HTMLButtonElement).disabled).toBe(false)
  })

  it("shows a failed run's error name, message and stack in the inspector", async () => {
    const task = env.make({
      name: 'license',
      run: () => {
        throw new IrrecoverableError('key rejected')
      },
    })
    const { ui, root } = mount()
    task.start()
    await advance(0)
    fireEvent.click(row(root, 'license'))
    const inspector = within(ui.getByRole('region', { name: 'Inspector: license' }))
    expect(inspector.getByText(/Stopped: .*key rejected/)).toBeTruthy()
    fireEvent.click(inspector.getByLabelText(/^Show error of run 0:/))
    const error = inspector.getByRole('region', { name: 'Error of run 0' })
    expect(error.textContent).toContain('IrrecoverableError')
    expect(error.textContent).toContain('key rejected')
    expect(error.querySelector('pre')?.textContent).toMatch(/at /)
  })

  it('moves the selection with arrow keys, opens the inspector with Enter and closes with Escape', () => {
    for (const name of ['a', 'b', 'c']) env.make({ name })
    const onClose = vi.fn()
    const { ui, root } = mount({ onClose })
    const list = ui.getByRole('listbox')
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    expect(root.querySelector('[role=option][aria-selected=true]')?.getAttribute('data-task')).toBe('b')
    fireEvent.keyDown(list, { key: 'End' })
    fireEvent.keyDown(list, { key: 'ArrowUp' })
    expect(list.getAttribute('aria-activedescendant')).toBe('tw-row-b')
    expect(ui.queryByRole('region', { name: /Inspector/ })).toBeNull()
    fireEvent.keyDown(list, { key: 'Enter' })
    expect(ui.getByRole('region', { name: 'Inspector: b' })).toBeTruthy()
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    expect(ui.getByRole('region', { name: 'Inspector: c' })).toBeTruthy()
    fireEvent.keyDown(list, { key: 'Escape' })
    expect(onClose).toHaveBeenCalledOnce()
  })

  it('pauses live updates and shows what was collected on resume', async () => {
    const task = env.make({ name: 'p' })
    const { ui, root } = mount()
    fireEvent.click(ui.getByRole('switch', { name: 'Live updates' }))
    task.trigger()
    await advance(0)
    expect(within(row(root, 'p')).queryByText('1')).toBeNull()
    expect(ui.getByText(/paused \(\d+\)/)).toBeTruthy()
    fireEvent.click(ui.getByRole('switch', { name: 'Live updates' }))
    frame()
    expect(within(row(root, 'p')).getByText('1')).toBeTruthy()
  })

  it('switches between sources, shows diagnostics and hides controls of read-only sources', () => {
    env.make({ name: 'page-task' })
    const other = setup()
    other.make({ name: 'worker-task' })
    const worker: RegistrySource = { ...localSource(other.registry, 'worker "sync"'), controllable: false, diagnostics: () => ({ malformedMessages: 12 }) }
    const { ui, root } = mount({ sources: [worker] })
    const tabs = within(ui.getByRole('tablist', { name: 'Registries' })).getAllByRole('tab')
    expect(tabs.map((tab) => tab.textContent)).toEqual(['this page1', 'worker "sync"1read-only'])
    fireEvent.click(tabs[1]!)
    frame()
    expect(ui.getByText('worker-task')).toBeTruthy()
    expect(ui.queryByText('page-task')).toBeNull()
    expect(ui.getByText('12 malformed messages')).toBeTruthy()
    fireEvent.click(row(root, 'worker-task'))
    expect(ui.queryByLabelText('Start worker-task')).toBeNull()
    expect(ui.getByText('read-only source')).toBeTruthy()
    expect(ui.getByLabelText('Export history of worker-task as JSON')).toBeTruthy()
  })

  it('shows who runs a single-runner task', () => {
    env.make({ name: 'leader' })
    const base = localSource(env.registry)
    const source: RegistrySource = { ...base, view: (name) => ({ ...base.view(name)!, runner: 'other' }) }
    const { ui } = mount({ registry: undefined, sources: [source] } as never)
    expect(ui.getAllByText('runner: other tab').length).toBeGreaterThan(0)
  })

  it('exports the history as a JSON download', async () => {
    const task = env.make({ name: 'exp', run: () => ({ message: 'done', extra: { n: 1 } }) })
    const { ui, root } = mount()
    task.trigger()
    await advance(0)
    fireEvent.click(row(root, 'exp'))
    let blob: Blob | undefined
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((value) => {
      blob = value as Blob
      return 'blob:exp'
    })
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    let downloaded = ''
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloaded = this.download
    })
    fireEvent.click(ui.getByLabelText('Export history of exp as JSON'))
    expect(downloaded).toBe('exp-history.json')
    const doc = JSON.parse(await blob!.text())
    expect(doc).toMatchObject({ tickwork: 'history', task: 'exp', history: [{ message: 'done', extra: { n: '1' }, success: true }] })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(revoke).toHaveBeenCalledWith('blob:exp')
    create.mockRestore()
    revoke.mockRestore()
    click.mockRestore()
  })

  it('throws a named error quoting a bad prop', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<TickworkDevtoolsPanel theme={'blue' as never} environment={environment} />)).toThrow(/theme must be one of 'light', 'dark', 'system', got `"blue"` \(string\)/)
    expect(() => render(<TickworkDevtoolsPanel sources={[{ label: 'x' } as never]} environment={environment} />)).toThrow(/InvalidOptionError|sources\[0\] must be a RegistrySource/)
    vi.restoreAllMocks()
  })
})
