import type { RegistrySource } from '@tickwork/core/bridge'
import { act, cleanup, fireEvent, render, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TickworkDevtools } from '../src/index.ts'
import { STORAGE_KEY } from '../src/store/ui-state.ts'
import { countingSource, fakeListLayout, memoryStorage, setup, shadowRootOf } from './helpers.ts'

describe('<TickworkDevtools>', () => {
  let env: ReturnType<typeof setup>
  let storage: ReturnType<typeof memoryStorage>
  let restoreLayout: () => void
  let listeners: () => number
  let counted: RegistrySource

  beforeEach(() => {
    restoreLayout = fakeListLayout()
    env = setup()
    storage = memoryStorage()
    ;({ source: counted, listeners } = countingSource(env.registry))
  })
  afterEach(() => {
    cleanup()
    restoreLayout()
  })

  const mount = (props: Parameters<typeof TickworkDevtools>[0] = {}) => {
    const result = render(<TickworkDevtools sources={[counted]} environment={{ scheduleFrame: env.frames.schedule, clock: env.clock, storage }} {...props} />)
    act(() => {
      env.frames.flushFrame()
    })
    const root = shadowRootOf(result.container)
    return { ...result, root, ui: within(root) }
  }

  it('shows a toggle, and listens to the registry only while open', () => {
    env.make({ name: 'job' })
    const { ui } = mount()
    expect(ui.queryByRole('dialog')).toBeNull()
    expect(listeners()).toBe(0)
    fireEvent.click(ui.getByLabelText('Open tickwork devtools'))
    act(() => {
      env.frames.flushFrame()
    })
    expect(ui.getByRole('dialog', { name: 'tickwork devtools' })).toBeTruthy()
    expect(ui.getByText('job')).toBeTruthy()
    expect(listeners()).toBe(1)
    fireEvent.click(ui.getByLabelText('Close tickwork devtools'))
    expect(ui.queryByRole('dialog')).toBeNull()
    expect(listeners()).toBe(0)
  })

  it('moves focus into the panel on open and back to the toggle on Escape', () => {
    const { ui, root } = mount()
    fireEvent.click(ui.getByLabelText('Open tickwork devtools'))
    const dialog = ui.getByRole('dialog')
    expect(root.getRootNode() instanceof ShadowRoot ? (root.getRootNode() as ShadowRoot).activeElement : document.activeElement).toBe(dialog)
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(ui.queryByRole('dialog')).toBeNull()
    expect((root.getRootNode() as ShadowRoot).activeElement).toBe(ui.getByLabelText('Open tickwork devtools'))
  })

  it('persists open, position and size, and a saved state wins over initialIsOpen', () => {
    const first = mount({ initialIsOpen: true })
    expect(first.ui.getByRole('dialog')).toBeTruthy()
    fireEvent.click(first.ui.getByLabelText('Panel settings'))
    fireEvent.click(first.ui.getByLabelText('Dock to right'))
    expect(first.root.querySelector('.dockpanel.right')).not.toBeNull()
    expect(JSON.parse(storage.data[STORAGE_KEY]!)).toMatchObject({ open: true, position: 'right' })
    fireEvent.click(first.ui.getByLabelText('Close tickwork devtools'))
    cleanup()
    const second = mount({ initialIsOpen: true })
    expect(second.ui.queryByRole('dialog')).toBeNull()
    fireEvent.click(second.ui.getByLabelText('Open tickwork devtools'))
    expect(second.root.querySelector('.dockpanel.right')).not.toBeNull()
  })

  it('works without localStorage', () => {
    const throwing = {
      getItem: (): string | null => {
        throw new Error('denied')
      },
      setItem: (): void => {
        throw new Error('denied')
      },
    }
    const { ui } = mount({ environment: { scheduleFrame: env.frames.schedule, clock: env.clock, storage: throwing } })
    fireEvent.click(ui.getByLabelText('Open tickwork devtools'))
    expect(ui.getByRole('dialog')).toBeTruthy()
  })

  it('places the toggle in the requested corner and rejects unknown corners', () => {
    const { ui } = mount({ buttonPosition: 'top-left' })
    expect(ui.getByLabelText('Open tickwork devtools').className).toContain('top-left')
    expect(() => render(<TickworkDevtools buttonPosition={'middle' as never} />)).toThrow(/buttonPosition must be one of .*got `"middle"` \(string\)/)
  })
})
