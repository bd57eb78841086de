import { describe, expect, it } from 'vitest'
import { isLibraryFrame, trimStack } from '../src/stack.ts'

const V8 = [
  'TypeError: cart sync failed: HTTP 503',
  '    at Object.run (http://localhost:5173/src/jobs/cart.ts:36:31)',
  '    at executeRun (http://localhost:5173/@fs/repo/packages/core/src/run-execute.ts:40:22)',
  '    at Task.loop (http://localhost:5173/node_modules/.vite/deps/@tickwork_core.js?v=1:900:11)',
  '    at async Promise.all (index 0)',
  '    at syncAll (http://localhost:5173/src/jobs/sync.ts:12:3)',
].join('\n')

describe('trimStack()', () => {
  it("keeps the message and the user's frames, and counts the library frames it took out", () => {
    const trimmed = trimStack(V8)
    expect(trimmed.text.split('\n')).toEqual([
      'TypeError: cart sync failed: HTTP 503',
      '    at Object.run (http://localhost:5173/src/jobs/cart.ts:36:31)',
      '    at syncAll (http://localhost:5173/src/jobs/sync.ts:12:3)',
    ])
    expect(trimmed.hidden).toBe(3)
  })

  it('reads Firefox and Safari frames too', () => {
    const stack = ['run@http://localhost/src/cart.ts:3:9', 'loop@http://localhost/node_modules/@tickwork/core/dist/task.js:80:5'].join('\n')
    expect(trimStack(stack)).toEqual({ text: 'run@http://localhost/src/cart.ts:3:9', hidden: 1 })
  })

  it('keeps a stack whole when every frame is a library frame, or none is', () => {
    const inside = 'Error: boom\n    at Task.loop (/app/node_modules/@tickwork/core/dist/task.js:1:1)'
    expect(trimStack(inside)).toEqual({ text: inside, hidden: 0 })
    const mine = 'Error: boom\n    at run (/app/src/job.ts:1:1)'
    expect(trimStack(mine)).toEqual({ text: mine, hidden: 0 })
  })

  it('never takes a message line for a frame', () => {
    expect(isLibraryFrame('Error: failed in node_modules/foo')).toBe(false)
    expect(isLibraryFrame('    at x (node:internal/process/task_queues:95:5)')).toBe(true)
  })
})
