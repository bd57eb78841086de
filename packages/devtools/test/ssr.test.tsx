// @vitest-environment node
import { createTask, TaskRegistry } from '@tickwork/core'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { TickworkDevtools, TickworkDevtoolsPanel } from '../src/index.ts'
import { TickworkDevtools as ProductionDevtools } from '../src/production.ts'

describe('server rendering', () => {
  it('renders nothing and does not crash without a DOM', () => {
    expect(typeof document).toBe('undefined')
    const registry = new TaskRegistry()
    createTask({ name: 'ssr', interval: 1000, run: () => {}, registry })
    expect(renderToString(<TickworkDevtools registry={registry} initialIsOpen />)).toBe('')
    expect(renderToString(<TickworkDevtoolsPanel registry={registry} />)).toBe('')
    expect(renderToString(<ProductionDevtools registry={registry} initialIsOpen theme="dark" />)).toBe('')
  })
})
