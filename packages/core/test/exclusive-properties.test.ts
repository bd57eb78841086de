import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTask, TaskRegistry, type Task } from '../src/index.ts'
import { createTestClock } from '../src/testing.ts'
import { FakeLocks } from './fake-locks.ts'

type Op = { kind: 'start' | 'stop' | 'close'; tab: number } | { kind: 'advance'; ms: number }

const TABS = 3
const INTERVAL = 100

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('start' as const, 'stop' as const, 'close' as const), tab: fc.integer({ min: 0, max: TABS - 1 }) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 350 }) }),
)

describe("exclusive: 'tabs' (properties)", () => {
  it('never has two runners, runs only in the lock holder, and a live tab runs within one interval', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const clock = createTestClock()
        const locks = new FakeLocks()
        const closed = new Set<number>()
        const violations: string[] = []
        const tasks: Task[] = []
        for (let tab = 0; tab < TABS; tab++) {
          tasks.push(
            createTask({
              name: 'shared',
              interval: INTERVAL,
              exclusive: 'tabs',
              locks: locks.tab(String(tab)),
              registry: new TaskRegistry({ clock }),
              run: () => {
                if (closed.has(tab)) return
                if (locks.holder('tickwork:task:shared') !== String(tab)) violations.push(`tab ${tab} ran without the lock at ${clock.now()}`)
              },
            }),
          )
        }
        const check = (): void => {
          const runners = tasks.filter((task, tab) => !closed.has(tab) && task.runnerRole === 'this')
          if (runners.length > 1) violations.push(`${runners.length} runners at ${clock.now()}`)
        }
        for (const step of ops) {
          if (step.kind === 'advance') await clock.advance(step.ms)
          else if (closed.has(step.tab)) continue
          else if (step.kind === 'start') tasks[step.tab]!.start()
          else if (step.kind === 'stop') await tasks[step.tab]!.stop()
          else {
            // A closing tab: its timers die with it, and the browser drops its locks.
            closed.add(step.tab)
            await tasks[step.tab]!.stop()
            locks.closeTab(String(step.tab))
          }
          await clock.flush()
          check()
        }
        // Liveness: if any open tab has the task started, one of them runs within one interval.
        const live = tasks.filter((task, tab) => !closed.has(tab) && task.isRunning && task.state !== 'paused')
        if (live.length > 0) {
          const before = live.reduce((sum, task) => sum + task.status().totalRuns, 0)
          await clock.advance(INTERVAL)
          const after = live.reduce((sum, task) => sum + task.status().totalRuns, 0)
          if (after <= before) violations.push('no open tab ran within one interval')
        }
        await Promise.all(tasks.map((task) => task.stop()))
        expect(violations).toEqual([])
      }),
      { numRuns: 150 },
    )
  })
})
