import { createTask, TaskRegistry, type Logger, type Task, type TaskOptions } from '@tickwork/core'
import { localSource, type RegistrySource, type SourceChange } from '@tickwork/core/bridge'
import { createTestClock, type TestClock } from '@tickwork/core/testing'
import { manualFrames } from '../src/store/frame.ts'
import type { UiStorage } from '../src/store/ui-state.ts'

/** A fresh registry on a virtual clock, frames driven by hand, warnings collected. */
export function setup(start = 1_700_000_000_000) {
  const clock: TestClock = createTestClock({ now: start })
  const warnings: unknown[][] = []
  const logger: Logger = { warn: (...args) => void warnings.push(args) }
  const registry = new TaskRegistry({ clock, logger })
  const frames = manualFrames()
  const make = (options: Partial<TaskOptions> & { name: string }): Task =>
    createTask({ ...(options.schedule ? {} : { interval: 1000 }), run: () => {}, logger, registry, ...options })
  return { clock, registry, frames, warnings, make }
}

/** An in-memory Storage. */
export function memoryStorage(initial: Record<string, string> = {}): UiStorage & { data: Record<string, string> } {
  const data = { ...initial }
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value
    },
  }
}

/** The element inside the panel's shadow root that Testing Library queries should search. */
export function shadowRootOf(container: HTMLElement): HTMLElement {
  const host = container.querySelector('[data-tickwork-devtools]')
  const root = host?.shadowRoot?.querySelector('.tw-root')
  if (!root) throw new Error('no devtools shadow root rendered')
  return root as HTMLElement
}

/**
 * happy-dom has no layout, so every element is 0 px tall and the virtualiser
 * would show no rows. Gives the list's scroll box (or the elements of
 * `classNames`) a panel-like size; returns the restore function.
 */
export function fakeListLayout(height = 400, width = 900, classNames: readonly string[] = ['list-scroll']): () => void {
  const proto = HTMLElement.prototype
  const originals = ['clientHeight', 'clientWidth'].map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)] as const)
  const size = (value: number) => ({
    configurable: true,
    get(this: HTMLElement) {
      return classNames.some((name) => this.classList.contains(name)) ? value : 0
    },
  })
  Object.defineProperty(proto, 'clientHeight', size(height))
  Object.defineProperty(proto, 'clientWidth', size(width))
  return () => {
    for (const [key, descriptor] of originals) {
      if (descriptor) Object.defineProperty(proto, key, descriptor)
      else delete (proto as unknown as Record<string, unknown>)[key]
    }
  }
}

/** A local source over `registry` that counts its live subscriptions. */
export function countingSource(registry: TaskRegistry): { source: RegistrySource; listeners: () => number } {
  let listeners = 0
  const inner = localSource(registry)
  const source: RegistrySource = {
    ...inner,
    subscribe(listener: (change: SourceChange) => void) {
      listeners++
      const off = inner.subscribe(listener)
      return () => {
        listeners--
        off()
      }
    },
  }
  return { source, listeners: () => listeners }
}
