import { describe, expect, it } from 'vitest'
import { createTask, fixedDelay, fixedRate, TaskRegistry, type RegistryEvent, type Schedule, type TaskEvent } from '../src/index.ts'
import { TimerQueue } from '../src/testing.ts'
import { createTestClock } from '../src/testing.ts'

// The per-task memory work (shared schedules and configs, one timer
// entry per task, the registry in an observer slot, lazy parts) must not change
// behaviour. These tests pin the edge cases that sharing introduces.

const quiet = { warn: () => {} }

function fresh(): { clock: ReturnType<typeof createTestClock>; registry: TaskRegistry } {
  const clock = createTestClock()
  return { clock, registry: new TaskRegistry({ clock, logger: quiet }) }
}

describe('fixedDelay()', () => {
  it('describes itself and waits from the end of each run', () => {
    const schedule = fixedDelay(250)
    expect(schedule.interval).toBe(250)
    expect(schedule.description).toBe('every 250 ms (fixed delay)')
    const skip = (): void => {}
    expect(schedule.next({ now: 1000, previousDueAt: null, runCount: 0, consecutiveFailures: 0, skip, wallNow: 0, memo: undefined })).toBe(1000)
    expect(schedule.next({ now: 1000, previousDueAt: 900, runCount: 3, consecutiveFailures: 0, skip, wallNow: 0, memo: undefined })).toBe(1250)
  })

  it('gives a new schedule on every call, so update() can tell a change', () => {
    expect(fixedDelay(100)).not.toBe(fixedDelay(100))
  })
})

describe('tasks sharing their schedule and config', () => {
  it('share one schedule per interval yet keep their own initialDelay and level', async () => {
    const { clock, registry } = fresh()
    const runs: string[] = []
    const a = createTask({ name: 'a', interval: 100, initialDelay: 10, registry, run: () => void runs.push(`a@${clock.now()}`) })
    const b = createTask({ name: 'b', interval: 100, initialDelay: 30, level: 'low', registry, run: () => void runs.push(`b@${clock.now()}`) })
    expect(a.schedule).toBe(b.schedule)
    expect(a.config.initialDelay).toBe(10)
    expect(b.config.initialDelay).toBe(30)
    expect(a.level).toBe('medium')
    expect(b.level).toBe('low')
    a.start()
    b.start()
    await clock.advance(140)
    expect(runs).toEqual(['a@10', 'b@30', 'a@110', 'b@130'])
  })

  it('update() on one task leaves the other task of the same options unchanged', async () => {
    const { clock, registry } = fresh()
    const a = createTask({ name: 'a', interval: 100, registry, run: () => {} })
    const b = createTask({ name: 'b', interval: 100, registry, run: () => {} })
    a.update({ level: 'critical', timeout: 50, historySize: 2 })
    expect(a.level).toBe('critical')
    expect(a.timeout).toBe(50)
    expect(a.config.historySize).toBe(2)
    expect(b.level).toBe('medium')
    expect(b.timeout).toBeUndefined()
    expect(b.config.historySize).toBe(50)
    a.start()
    await clock.advance(1000)
    expect(a.history).toHaveLength(2)
    expect(b.history).toHaveLength(0)
  })

  it('update({ interval }) with the same value gives the task its own schedule and re-plans from the last run', async () => {
    const { clock, registry } = fresh()
    const task = createTask({ name: 'a', interval: 100, registry, run: () => {} })
    task.start()
    await clock.advance(50)
    const shared = task.schedule
    expect(task.status().nextRunAt).toBe(100)
    task.update({ interval: 100 })
    expect(task.schedule).not.toBe(shared)
    // Re-planned from the end of the previous run (0), as any interval change is.
    expect(task.status().nextRunAt).toBe(100)
  })
})

describe('one timer entry per task', () => {
  it('keeps one pending wake-up per task through runs, pause, resume and trigger', async () => {
    const { clock, registry } = fresh()
    const queue = new TimerQueue(clock)
    expect(queue.size).toBe(0)
    const task = createTask({ name: 'a', interval: 100, registry, run: () => {} })
    task.start()
    await clock.advance(350)
    expect(task.status().totalRuns).toBe(4)
    task.pause()
    expect(clock.armedTimers).toBe(0)
    task.resume()
    expect(clock.armedTimers).toBe(1)
    task.trigger()
    await clock.flush()
    expect(task.status().totalRuns).toBe(5)
    expect(task.status().nextRunAt).toBe(450)
    await clock.advance(100)
    expect(task.status().totalRuns).toBe(6)
    await task.stop()
    expect(clock.armedTimers).toBe(0)
  })
})

describe('TimerQueue', () => {
  it('calls a shared callback with each entry target as this', async () => {
    const clock = createTestClock()
    const queue = new TimerQueue(clock)
    const seen: string[] = []
    function fire(this: { name: string }): void {
      seen.push(this.name)
    }
    queue.schedule(20, fire, undefined, { name: 'b' })
    queue.schedule(10, fire, undefined, { name: 'a' })
    await clock.advance(20)
    expect(seen).toEqual(['a', 'b'])
  })

  it('reschedule() moves a pending entry and brings back a fired or cancelled one', async () => {
    const clock = createTestClock()
    const queue = new TimerQueue(clock)
    let fired = 0
    const entry = queue.schedule(100, () => void fired++, { keepAlive: false })
    queue.reschedule(entry, 30, 0)
    expect(queue.size).toBe(1)
    expect(clock.timers()).toEqual([{ at: 30, delay: 30, unref: true }])
    await clock.advance(30)
    expect(fired).toBe(1)
    expect(queue.isPending(entry)).toBe(false)
    queue.reschedule(entry, 50, 0)
    expect(queue.isPending(entry)).toBe(true)
    queue.cancel(entry)
    queue.reschedule(entry, 60, 0)
    await clock.advance(100)
    expect(fired).toBe(2)
    expect(queue.size).toBe(0)
    expect(clock.armedTimers).toBe(0)
  })

  it('reschedule() keeps the keep-alive count: an unref entry moved leaves the timer unref', () => {
    const clock = createTestClock()
    const queue = new TimerQueue(clock)
    const held = queue.schedule(100, () => {})
    const loose = queue.schedule(50, () => {}, { keepAlive: false })
    queue.reschedule(loose, 40, 0)
    queue.reschedule(loose, 30, 0)
    queue.cancel(held)
    expect(clock.timers()).toEqual([{ at: 30, delay: 30, unref: true }])
  })
})

describe('TimerQueue.batch()', () => {
  it('cancels inside the batch take effect at once, leave the heap together, and keep the order of the rest', async () => {
    const clock = createTestClock()
    const queue = new TimerQueue(clock)
    const fired: number[] = []
    const entries = Array.from({ length: 100 }, (_, i) => queue.schedule(10 + i, () => void fired.push(i)))
    queue.batch(() => {
      for (let i = 0; i < 100; i += 2) queue.cancel(entries[i] as (typeof entries)[number])
      // Cancelled inside the batch: no longer pending, and a second cancel reports nothing to do.
      expect(queue.isPending(entries[0] as (typeof entries)[number])).toBe(false)
      expect(queue.cancel(entries[0] as (typeof entries)[number])).toBe(false)
      // One comes back before the batch ends, at a new deadline.
      queue.reschedule(entries[4] as (typeof entries)[number], 500, 0)
    })
    expect(queue.size).toBe(51)
    await clock.advance(1000)
    expect(fired).toEqual([...Array.from({ length: 50 }, (_, k) => 2 * k + 1), 4])
    expect(clock.armedTimers).toBe(0)
  })

  it('keeps the keep-alive count: cancelling the last kept-alive entry in a batch leaves the timer unref', () => {
    const clock = createTestClock()
    const queue = new TimerQueue(clock)
    const held = queue.schedule(100, () => {})
    queue.schedule(30, () => {}, { keepAlive: false })
    queue.batch(() => void queue.cancel(held))
    expect(clock.timers()).toEqual([{ at: 30, delay: 30, unref: true }])
  })

  it('registry.stopAll() of 1,000 tasks leaves no wait armed and no run after it', async () => {
    const { clock, registry } = fresh()
    let runs = 0
    for (let i = 0; i < 1000; i++) createTask({ name: `t${i}`, interval: 100, initialDelay: i % 100, registry, run: () => void runs++ })
    registry.startAll()
    await clock.advance(50)
    const before = runs
    await registry.stopAll()
    await clock.advance(1000)
    expect(runs).toBe(before)
    expect(clock.armedTimers).toBe(0)
    expect(registry.list().every((task) => task.state === 'stopped')).toBe(true)
  })
})

describe('registry events through the observer slot', () => {
  it('a task in two registries is heard by both, and by the second after leaving the first', () => {
    const clock = createTestClock()
    const first = new TaskRegistry({ clock, logger: quiet })
    const second = new TaskRegistry({ clock, logger: quiet })
    const heard: string[] = []
    first.subscribe((event) => heard.push(`first:${event.type}`))
    second.subscribe((event) => heard.push(`second:${event.type}`))
    const task = createTask({ name: 'a', interval: 100, registry: first, run: () => {} })
    second.register(task)
    heard.length = 0
    task.clearHistory()
    expect(heard).toEqual(['first:stateChanged', 'second:stateChanged'])
    first.unregister('a')
    heard.length = 0
    task.clearHistory()
    expect(heard).toEqual(['second:stateChanged'])
    second.unregister('a')
    heard.length = 0
    task.clearHistory()
    expect(heard).toEqual([])
  })

  it('a registry subscribed after its tasks started hears their next run, and none after unsubscribing', async () => {
    const { clock, registry } = fresh()
    const task = createTask({ name: 'a', interval: 100, registry, run: () => 'ok' })
    task.start()
    await clock.advance(50)
    const events: RegistryEvent[] = []
    const unsubscribe = registry.subscribe((event) => events.push(event))
    await clock.advance(100)
    expect(events.map((event) => event.type)).toEqual(['stateChanged', 'runStarted', 'runFinished', 'stateChanged'])
    unsubscribe()
    await clock.advance(100)
    expect(events).toHaveLength(4)
    expect(task.status().totalRuns).toBe(3)
  })

  it('task listeners hear events whether or not the registry has listeners', async () => {
    const { clock, registry } = fresh()
    const task = createTask({ name: 'a', interval: 100, registry, run: () => {} })
    const events: TaskEvent[] = []
    task.subscribe((event) => events.push(event))
    task.start()
    await clock.advance(0)
    expect(events.map((event) => event.type)).toEqual(['stateChanged', 'stateChanged', 'runStarted', 'runFinished', 'stateChanged'])
  })
})

describe('schedule skips', () => {
  it('counts slots a fixed-rate task skipped, and only its own when a schedule reaches another task', async () => {
    const { clock, registry } = fresh()
    let block = 0
    const slow = createTask({
      name: 'slow',
      schedule: fixedRate(100),
      registry,
      run: () => {
        // Overruns two slots on its first run (virtual time moves under it).
        if (block++ === 0) return new Promise<void>((resolve) => clock.setTimeout(resolve, 250))
      },
    })
    const other = createTask({ name: 'other', interval: 1000, registry, run: () => {} })
    const inner = fixedRate(100)
    const nested: Schedule = {
      interval: 100,
      next(context) {
        // A schedule that starts another task from inside next(): its skips must not leak into ours.
        if (other.state === 'idle') other.start()
        return inner.next(context)
      },
    }
    const outer = createTask({ name: 'outer', schedule: nested, registry, run: () => {} })
    slow.start()
    outer.start()
    await clock.advance(400)
    expect(slow.status().skippedRuns).toBe(2)
    expect(outer.status().skippedRuns).toBe(0)
    expect(other.status().skippedRuns).toBe(0)
  })
})

describe('history', () => {
  it('keeps the newest runs in order across the buffer filling up (compacted when full) and wrapping', async () => {
    const { clock, registry } = fresh()
    const task = createTask({ name: 'a', interval: 10, historySize: 20, registry, run: ({ runIndex }) => `run ${runIndex}` })
    expect(task.history).toEqual([])
    task.start()
    await clock.advance(190)
    expect(task.history.map((summary) => summary.runIndex)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    await clock.advance(250)
    expect(task.history.map((summary) => summary.message)).toEqual(Array.from({ length: 20 }, (_, i) => `run ${i + 25}`))
    task.update({ historySize: 30 })
    await clock.advance(100)
    expect(task.history.map((summary) => summary.runIndex)).toEqual(Array.from({ length: 30 }, (_, i) => i + 25))
  })
})
