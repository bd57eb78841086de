import type { TaskState } from '@tickwork/core'
import type { TaskView } from '@tickwork/core/bridge'
import { describe, expect, it } from 'vitest'
import { appliesTo, bulkTargets } from '../src/store/bulk.ts'

const view = (state: TaskState): TaskView => ({ status: { state, isRunning: state === 'scheduled' || state === 'running' || state === 'paused' } }) as unknown as TaskView

describe('bulk actions', () => {
  const tasks = { a: view('scheduled'), b: view('paused'), c: view('stopped'), d: view('running'), e: view('idle') }
  const names = ['e', 'd', 'c', 'b', 'a', 'gone']

  it('apply only to the tasks each action changes, in the list order', () => {
    expect(bulkTargets(names, tasks, 'pause')).toEqual(['d', 'a'])
    expect(bulkTargets(names, tasks, 'resume')).toEqual(['b'])
    expect(bulkTargets(names, tasks, 'stop')).toEqual(['d', 'b', 'a'])
    expect(bulkTargets(names, tasks, 'trigger')).toEqual(['e', 'c', 'b', 'a'])
  })

  it('never pause a paused task or resume a live one', () => {
    expect(appliesTo(view('paused'), 'pause')).toBe(false)
    expect(appliesTo(view('scheduled'), 'resume')).toBe(false)
  })
})
