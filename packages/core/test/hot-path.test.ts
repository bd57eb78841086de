import { describe, expect, it } from 'vitest'
import { createTask, TaskRegistry, type Clock, type RunContext } from '../src/index.ts'
import { createTestClock } from '../src/testing.ts'

// What keeps a loop of runs allocation-free must not change what a run sees:
// the run record (`ctx`) is reused only when nobody can still hold its signal,
// a late or repeated settle never touches a later run, and a timer wake reads
// the clock once for every task due in it.

const quiet = { warn: () => {} }

/** A test clock that counts its readings. */
function countingClock(): { clock: Clock & ReturnType<typeof createTestClock>; reads: { now: number; wall: number } } {
  const inner = createTestClock()
  const reads = { now: 0, wall: 0 }
  const clock = Object.assign(Object.create(inner) as typeof inner, {
    now: () => {
      reads.now++
      return inner.now()
    },
    wallNow: () => {
      reads.wall++
      return inner.wallNow()
    },
  })
  return { clock, reads }
}

describe('the run record (ctx)', () => {
  it('is reused by the next run when the run never read its signal', async () => {
    const clock = createTestClock()
    const seen: RunContext[] = []
    const indexes: number[] = []
    const task = createTask({ name: 'reuse', interval: 10, clock, logger: quiet, run: (ctx) => void (seen.push(ctx), indexes.push(ctx.runIndex)) })
    task.start()
    await clock.advance(35)
    await task.stop()
    expect(indexes).toEqual([0, 1, 2, 3])
    expect(new Set(seen).size).toBe(1)
  })

  it('is never reused once its signal was read: a later run timing out does not abort it', async () => {
    const clock = createTestClock()
    const signals: AbortSignal[] = []
    let runs = 0
    const task = createTask({
      name: 'own-signal',
      interval: 10,
      timeout: 5,
      clock,
      logger: quiet,
      run: (ctx) => {
        runs++
        if (runs === 1) {
          signals.push(ctx.signal)
          return undefined
        }
        // The second run hangs past its timeout.
        return new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()))
      },
    })
    task.start()
    await clock.advance(30)
    await task.stop()
    expect(runs).toBeGreaterThanOrEqual(2)
    expect(signals[0]?.aborted).toBe(false)
    expect(task.history[1]?.message).toBe('timed out after 5 ms')
  })

  it('ignores a thenable that settles twice: the second call never settles the next run', async () => {
    const clock = createTestClock()
    let again: (() => void) | undefined
    const states: string[] = []
    const task = createTask({
      name: 'twice',
      interval: 10,
      clock,
      logger: quiet,
      run: (ctx) => {
        if (ctx.runIndex === 0) {
          return {
            then(resolve: (value: unknown) => void) {
              resolve('first')
              again = () => resolve('again')
            },
          }
        }
        // The second run stays in flight until stopped.
        return new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()))
      },
    })
    task.start()
    await clock.advance(15)
    expect(task.runInFlight).toBe(1)
    again?.()
    states.push(task.state)
    expect(task.runInFlight).toBe(1)
    expect(task.status().totalRuns).toBe(1)
    await task.stop()
    expect(states).toEqual(['running'])
  })
})

describe('one clock reading per wake', () => {
  it('reads monotonic time once for the wake plus once per run end, and the wall clock at most once', async () => {
    const { clock, reads } = countingClock()
    const registry = new TaskRegistry({ clock, logger: quiet })
    const count = 50
    for (let i = 0; i < count; i++) createTask({ name: `t${i}`, interval: 1000, registry, run: () => {} })
    registry.startAll()
    // Each runs at 0 (no initialDelay), then all are due at 1000: one wake.
    await clock.advance(999)
    const before = { ...reads }
    await clock.advance(1)
    const now = reads.now - before.now
    const wall = reads.wall - before.wall
    expect(registry.list().every((task) => task.status().totalRuns === 2)).toBe(true)
    // The wake, each run's end, and re-arming the one timer afterwards.
    expect(now).toBeLessThanOrEqual(count + 2)
    expect(wall).toBeLessThanOrEqual(1)
    await registry.stopAll()
  })
})

describe('page visibility at scale', () => {
  it('gives 1,000 tasks on one page one visibilitychange listener, added at startAll and removed at stopAll', async () => {
    const listeners = new Set<() => void>()
    let added = 0
    const page = {
      visibilityState: 'visible',
      addEventListener: (_type: string, listener: () => void) => {
        added++
        listeners.add(listener)
      },
      removeEventListener: (_type: string, listener: () => void) => void listeners.delete(listener),
    }
    const global = globalThis as { document?: unknown }
    const previous = global.document
    global.document = page
    try {
      const registry = new TaskRegistry({ clock: createTestClock(), logger: quiet })
      for (let i = 0; i < 1000; i++) createTask({ name: `t${i}`, interval: 1000, level: 'low', registry, run: () => {} })
      registry.startAll()
      expect(added).toBe(1)
      expect(listeners.size).toBe(1)
      await registry.stopAll()
      expect(listeners.size).toBe(0)
    } finally {
      global.document = previous
    }
  })
})
