import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTask, InvalidOptionError, lockNameFor, TaskRegistry, type Task, type TaskEvent } from '../src/index.ts'
import { taskView } from '../src/bridge/index.ts'
import { createTestClock, type TestClock } from '../src/testing.ts'
import { FakeLocks } from './fake-locks.ts'

afterEach(() => {
  vi.unstubAllGlobals()
})

/** Two tabs of one origin: one clock, one lock manager, a registry and a task each. */
function tabs(count = 2, interval = 100) {
  const clock = createTestClock({ now: 0 })
  const locks = new FakeLocks()
  const warnings: unknown[][] = []
  const runs: string[] = []
  const tasks = Array.from({ length: count }, (_, index) => {
    const id = String.fromCharCode(65 + index)
    const registry = new TaskRegistry({ clock })
    return createTask({ name: 'report', interval, exclusive: 'tabs', locks: locks.tab(id), registry, logger: { warn: (...a) => warnings.push(a) }, run: () => void runs.push(id) })
  })
  const count_ = (id: string) => runs.filter((tab) => tab === id).length
  return { clock, locks, tasks, runs, warnings, count: count_ }
}

async function startAll(clock: TestClock, tasks: Task[]): Promise<void> {
  for (const task of tasks) task.start()
  await clock.flush()
}

describe("exclusive: 'tabs'", () => {
  it('runs in one tab only while the others keep the rhythm and skip', async () => {
    const { clock, tasks, count, locks } = tabs(3)
    await startAll(clock, tasks)
    expect(tasks.map((task) => task.runnerRole)).toEqual(['this', 'other', 'other'])
    expect(locks.holder(lockNameFor('report'))).toBe('A')
    await clock.advance(1000)
    expect(count('A')).toBe(11)
    expect(count('B') + count('C')).toBe(0)
    // The waiting tabs stay scheduled, one slot ahead, ready to take over.
    expect(tasks[1]!.status()).toMatchObject({ state: 'scheduled', totalRuns: 0, nextRunAt: 1100 })
  })

  it('passes to another tab within one interval when the runner stops', async () => {
    const { clock, tasks, count } = tabs()
    await startAll(clock, tasks)
    await clock.advance(250)
    await tasks[0]!.stop()
    await clock.flush()
    expect(tasks.map((task) => task.runnerRole)).toEqual(['other', 'this'])
    const before = count('B')
    await clock.advance(100)
    expect(count('B')).toBe(before + 1)
    expect(count('A')).toBe(3)
  })

  it('passes to another tab within one interval when the runner tab closes', async () => {
    const { clock, tasks, count, locks } = tabs()
    await startAll(clock, tasks)
    await clock.advance(250)
    locks.closeTab('A')
    await clock.flush()
    expect(locks.holder(lockNameFor('report'))).toBe('B')
    expect(tasks[1]!.runnerRole).toBe('this')
    await clock.advance(100)
    expect(count('B')).toBe(1)
  })

  it('gives the lock back when a waiting tab stops, without an unhandled rejection', async () => {
    const { clock, tasks, locks } = tabs()
    await startAll(clock, tasks)
    expect(locks.waiting(lockNameFor('report'))).toBe(1)
    await tasks[1]!.stop()
    await clock.flush()
    expect(locks.waiting(lockNameFor('report'))).toBe(0)
    expect(tasks[1]!.runnerRole).toBe('other')
    // Started again, it queues up again and takes over when A stops.
    tasks[1]!.start()
    await tasks[0]!.stop()
    await clock.flush()
    expect(tasks[1]!.runnerRole).toBe('this')
  })

  it('announces role changes as stateChanged events and in taskView()', async () => {
    const clock = createTestClock()
    const locks = new FakeLocks()
    const registry = new TaskRegistry({ clock })
    const events: TaskEvent[] = []
    const task = createTask({ name: 'job', interval: 100, exclusive: 'tabs', locks: locks.tab('A'), registry, run: () => {} })
    task.subscribe((event) => events.push(event))
    expect(taskView(registry, 'job')!.runner).toBe('other')
    task.start()
    await clock.flush()
    expect(taskView(registry, 'job')!.runner).toBe('this')
    expect(events.filter((event) => event.type === 'stateChanged').length).toBeGreaterThanOrEqual(2)
    const plain = createTask({ name: 'plain', interval: 100, registry, run: () => {} })
    expect(plain.runnerRole).toBeUndefined()
    expect(taskView(registry, 'plain')).not.toHaveProperty('runner')
    await task.stop()
  })

  it("runs here and says 'local-only' where Web Locks are missing, looked up at start()", async () => {
    vi.stubGlobal('navigator', undefined)
    const clock = createTestClock()
    const registry = new TaskRegistry({ clock })
    let runs = 0
    const task = createTask({ name: 'job', interval: 100, exclusive: 'tabs', registry, run: () => void runs++ })
    task.start()
    await clock.advance(200)
    expect(task.runnerRole).toBe('local-only')
    expect(runs).toBe(3)
    await task.stop()
    expect(task.runnerRole).toBe('local-only')

    // Web Locks that appear after import are used: nothing is read at import time.
    const locks = new FakeLocks()
    vi.stubGlobal('navigator', { locks: locks.tab('A') })
    const later = createTask({ name: 'later', interval: 100, exclusive: 'tabs', registry, run: () => {} })
    later.start()
    await clock.flush()
    expect(later.runnerRole).toBe('this')
    expect(locks.holder(lockNameFor('later'))).toBe('A')
    await later.stop()
  })

  it("falls back to 'local-only' with a warning when the lock is refused", async () => {
    const clock = createTestClock()
    const warnings: unknown[][] = []
    const refusing = { request: () => Promise.reject(Object.assign(new Error('opaque origin'), { name: 'SecurityError' })) }
    const task = createTask({ name: 'job', interval: 100, exclusive: 'tabs', locks: refusing, registry: new TaskRegistry({ clock }), logger: { warn: (...a) => warnings.push(a) }, run: () => {} })
    task.start()
    await clock.advance(0)
    expect(task.runnerRole).toBe('local-only')
    expect(task.status().totalRuns).toBe(1)
    expect(String(warnings[0]?.[0])).toMatch(/task "job": the Web Lock "tickwork:task:job" was refused/)
    const throwing = { request: () => { throw new TypeError('broken') } }
    const other = createTask({ name: 'other', interval: 100, exclusive: 'tabs', locks: throwing, registry: new TaskRegistry({ clock }), logger: { warn: () => {} }, run: () => {} })
    other.start()
    await clock.flush()
    expect(other.runnerRole).toBe('local-only')
    await Promise.all([task.stop(), other.stop()])
  })

  it('queues up again when the lock is taken away (steal)', async () => {
    const clock = createTestClock()
    let grants = 0
    let steal: (() => void) | undefined
    const stealing = {
      request: (_name: string, _options: unknown, callback: (lock: unknown) => unknown) => {
        grants++
        return new Promise((resolve, reject) => {
          void Promise.resolve(callback({})).then(resolve)
          steal = () => reject(Object.assign(new Error('stolen'), { name: 'AbortError' }))
        })
      },
    }
    const task = createTask({ name: 'job', interval: 100, exclusive: 'tabs', locks: stealing, registry: new TaskRegistry({ clock }), run: () => {} })
    task.start()
    await clock.flush()
    expect(grants).toBe(1)
    steal!()
    await clock.flush()
    expect(grants).toBe(2)
    expect(task.runnerRole).toBe('this')
    await task.stop()
  })

  it('lets trigger() run in any tab', async () => {
    const { clock, tasks, count } = tabs()
    await startAll(clock, tasks)
    tasks[1]!.trigger()
    await clock.flush()
    expect(count('B')).toBe(1)
  })

  it('rejects a bad exclusive or locks option, quoting it', () => {
    const registry = new TaskRegistry({ clock: createTestClock() })
    const make = (extra: Record<string, unknown>) => () => createTask({ name: 'x', interval: 10, registry, run: () => {}, ...extra })
    expect(make({ exclusive: 'windows' })).toThrow(InvalidOptionError)
    expect(make({ exclusive: 'windows' })).toThrow(/task "x": exclusive must be 'tabs'.*`"windows"` \(string\)/)
    expect(make({ exclusive: true })).toThrow(/`true` \(boolean\)/)
    expect(make({ exclusive: 'tabs', locks: {} })).toThrow(/locks must be a lock manager with a request/)
    expect(registry.size).toBe(0)
  })
})
