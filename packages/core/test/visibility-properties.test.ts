/**
 * Property tests of `whenHidden` over random hide/show/advance sequences on
 * the virtual clock: a pausing task never starts a scheduled run while hidden
 * and catches up with at most one run per return to visible; a slowing task
 * never runs more often than every 4 intervals while hidden (after the wait
 * armed while visible); a running task does not notice. Fixed seed for CI.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTask, manualVisibility, TaskRegistry } from '@tickwork/core'
import { createTestClock } from '@tickwork/core/testing'

const SEED = 20261125
const INTERVAL = 100

const step = fc.oneof(
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 700 }) }),
  fc.record({ kind: fc.constant('toggle' as const) }),
)

describe('whenHidden properties', () => {
  it('hold for any sequence of hiding, showing and time passing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const clock = createTestClock()
        const registry = new TaskRegistry({ clock })
        const visibility = manualVisibility()
        const starts = { pause: [] as { at: number; hidden: boolean }[], slow: [] as { at: number; hidden: boolean }[], run: [] as number[], control: [] as number[] }
        const make = (name: 'pause' | 'slow' | 'run', whenHidden: 'pause' | 'slow' | 'run') =>
          createTask({ name, interval: INTERVAL, whenHidden, visibility, registry, run: () => void (name === 'run' ? starts.run.push(clock.now()) : starts[name].push({ at: clock.now(), hidden: visibility.isHidden() })) })
        const tasks = [make('pause', 'pause'), make('slow', 'slow'), make('run', 'run')]
        createTask({ name: 'control', interval: INTERVAL, visibility: null, registry, run: () => void starts.control.push(clock.now()) }).start()
        for (const task of tasks) task.start()
        const shows: number[] = []
        const hides: number[] = []
        for (const s of steps) {
          if (s.kind === 'advance') await clock.advance(s.ms)
          else {
            const hidden = !visibility.isHidden()
            ;(hidden ? hides : shows).push(clock.now())
            visibility.setHidden(hidden)
            await clock.flush()
          }
        }
        // 'pause': nothing starts while hidden; per return to visible, at most one run at that instant.
        expect(starts.pause.filter((s) => s.hidden)).toEqual([])
        for (const at of shows) expect(starts.pause.filter((s) => s.at === at).length).toBeLessThanOrEqual(1)
        // 'slow': two runs in a row while hidden are at least 4 intervals apart.
        for (let i = 1; i < starts.slow.length; i++) {
          const [previous, current] = [starts.slow[i - 1]!, starts.slow[i]!]
          const hiddenBetween = previous.hidden && current.hidden && !shows.some((at) => at >= previous.at && at <= current.at)
          if (hiddenBetween) expect(current.at - previous.at).toBeGreaterThanOrEqual(4 * INTERVAL)
        }
        // 'run': exactly like a task that ignores visibility.
        expect(starts.run).toEqual(starts.control)
        await registry.stopAll()
        expect(clock.armedTimers).toBe(0)
      }),
      { seed: SEED, numRuns: 300 },
    )
  })
})
