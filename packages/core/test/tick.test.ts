import { tick } from '../src/tick/index.ts'
import { beforeEach, describe, expect, it } from 'vitest'
import { cron } from '../src/cron.ts'
import { createTask, fixedDelay, fixedRate, jitter, InvalidOptionError, IrrecoverableError, TaskRegistry, type RunSummary } from '../src/index.ts'
import { memoryTickStore, type MemoryTickStore, type TaskRecord, type TickStore } from '../src/tick/index.ts'
import { setup } from './helpers.ts'

const MINUTE = 60_000
/** A minute boundary, as a Cron Trigger's scheduledTime would be. */
const T0 = Date.UTC(2026, 0, 1, 12, 0)

let env: ReturnType<typeof setup>
let store: MemoryTickStore
let ran: string[]
beforeEach(() => {
  env = setup(T0)
  store = memoryTickStore()
  ran = []
})

const record = async (name: string, source: TickStore = store): Promise<TaskRecord> => (await source.get(`tickwork:task:${name}`)) as TaskRecord

/** A task of `env.registry` that logs its runs in `ran`. */
const job = (name: string, options: Parameters<typeof env.make>[0] extends infer O ? Partial<O> : never = {}) =>
  env.make({ ...(options.schedule ? {} : { interval: MINUTE }), ...options, name, run: options.run ?? (() => void ran.push(name)) })

describe('tick(registry, )', () => {
  it('runs every due task once, critical first then registration order', async () => {
    job('low', { level: 'low' })
    job('crit', { level: 'critical' })
    job('med')
    job('high', { level: 'high' })
    const report = await tick(env.registry, { now: T0, store })
    expect(ran).toEqual(['crit', 'high', 'med', 'low'])
    expect(report.summaries.map((run) => [run.name, run.success, run.dueAt, run.trigger])).toEqual([
      ['crit', true, T0, 'schedule'],
      ['high', true, T0, 'schedule'],
      ['med', true, T0, 'schedule'],
      ['low', true, T0, 'schedule'],
    ])
    expect(report.shed).toEqual([])
    expect(report.nextDueAt).toBe(T0 + MINUTE)
  })

  it('runs nothing on a second tick for the same slot (at-least-once redelivery)', async () => {
    job('a')
    job('b', { schedule: fixedRate(MINUTE) })
    await tick(env.registry, { now: T0, store })
    const again = await tick(env.registry, { now: T0, store })
    const late = await tick(env.registry, { now: T0 + 30_000, store })
    expect(ran).toEqual(['a', 'b'])
    expect(again.summaries).toEqual([])
    expect(late.summaries).toEqual([])
    expect(again.nextDueAt).toBe(T0 + MINUTE)
  })

  it('runs a 60 s fixed-delay task on every minute tick, not every other one', async () => {
    job('a')
    for (let minute = 0; minute < 5; minute++) await tick(env.registry, { now: T0 + minute * MINUTE, store })
    expect(ran).toHaveLength(5)
    expect((await record('a')).lastDueAt).toBe(T0 + 4 * MINUTE)
  })

  it('leaves a task that is not yet due alone and reports when it is', async () => {
    job('slow', { interval: 5 * MINUTE })
    await tick(env.registry, { now: T0, store })
    const report = await tick(env.registry, { now: T0 + MINUTE, store })
    expect(report.summaries).toEqual([])
    expect(report.nextDueAt).toBe(T0 + 5 * MINUTE)
    await tick(env.registry, { now: T0 + 5 * MINUTE, store })
    expect(ran).toEqual(['slow', 'slow'])
  })

  it('claims only the latest missed slot of a fixed-rate task and counts the others as skipped', async () => {
    job('rate', { schedule: fixedRate(MINUTE) })
    await tick(env.registry, { now: T0, store })
    await env.clock.advance(4 * MINUTE + 10_000)
    const report = await tick(env.registry, { now: T0 + 4 * MINUTE + 10_000, store })
    expect(report.summaries.map((run) => run.dueAt)).toEqual([T0 + 4 * MINUTE])
    expect(report.summaries[0]?.lateMs).toBe(10_000)
    expect((await record('rate')).skippedRuns).toBe(3)
    expect(report.nextDueAt).toBe(T0 + 5 * MINUTE)
  })

  it('keeps the due time a random schedule drew after the run instead of drawing again each tick', async () => {
    let draw = 1
    job('jittery', { schedule: jitter(fixedDelay(MINUTE), 0.5, { random: () => draw }) })
    await tick(env.registry, { now: T0, store })
    expect((await record('jittery')).nextDueAt).toBe(T0 + 90_000)
    // Drawn again, the next run would be due at T0 + 30 s, before the next tick.
    draw = 0
    const early = await tick(env.registry, { now: T0 + MINUTE, store })
    expect(early.summaries).toEqual([])
    expect(early.nextDueAt).toBe(T0 + 90_000)
    await tick(env.registry, { now: T0 + 2 * MINUTE, store })
    expect(ran).toEqual(['jittery', 'jittery'])
  })

  it('asks the schedule again when a deploy changed it', async () => {
    job('a', { interval: 10 * MINUTE })
    await tick(env.registry, { now: T0, store })
    env.registry.unregister('a')
    job('a', { interval: MINUTE })
    await tick(env.registry, { now: T0 + MINUTE, store })
    expect(ran).toEqual(['a', 'a'])
  })

  it('follows a cron schedule: due only when a cron slot has come', async () => {
    job('hourly', { schedule: cron('0 * * * *', { timezone: 'UTC' }) })
    await tick(env.registry, { now: T0, store })
    const between = await tick(env.registry, { now: T0 + 30 * MINUTE, store })
    expect(between.nextDueAt).toBe(T0 + 60 * MINUTE)
    await tick(env.registry, { now: T0 + 60 * MINUTE, store })
    expect(ran).toEqual(['hourly', 'hourly'])
  })

  it('stops starting runs when the budget is spent and reports the shed tasks, low first', async () => {
    const slow = () => new Promise<void>((resolve) => env.clock.setTimeout(() => resolve(), 40))
    job('crit', { level: 'critical', run: () => slow().then(() => void ran.push('crit')) })
    job('high', { level: 'high', run: () => slow().then(() => void ran.push('high')) })
    job('med')
    job('low', { level: 'low' })
    const pending = tick(env.registry, { now: T0, store, budgetMs: 50 })
    await env.clock.advance(100)
    const report = await pending
    expect(ran).toEqual(['crit', 'high'])
    expect(report.shed).toEqual([
      { name: 'low', level: 'low', dueAt: T0 },
      { name: 'med', level: 'medium', dueAt: T0 },
    ])
    expect(report.elapsedMs).toBe(80)
    // Shed work stays due: the platform should call again at once.
    expect(report.nextDueAt).toBe(T0)
    const next = await tick(env.registry, { now: T0, store, budgetMs: 50 })
    expect(next.summaries.map((run) => run.name)).toEqual(['med', 'low'])
  })

  it('records a run over its timeout as failed and goes on with the next task', async () => {
    job('hang', { level: 'critical', timeout: 1000, run: () => new Promise(() => {}) })
    job('after')
    const pending = tick(env.registry, { now: T0, store })
    await env.clock.advance(1000)
    const report = await pending
    expect(report.summaries.map((run) => [run.name, run.success, run.message])).toEqual([
      ['hang', false, 'timed out after 1000 ms'],
      ['after', true, ''],
    ])
    expect(report.summaries[0]?.error?.name).toBe('TimeoutError')
    expect((await record('hang')).consecutiveFailures).toBe(1)
  })

  it('keeps stats and a bounded history in the store, so a fresh isolate knows what ran', async () => {
    job('flaky', { historySize: 3, run: (ctx) => ({ success: ctx.scheduledAt % (2 * MINUTE) === 0, message: `slot ${ctx.scheduledAt}` }) })
    for (let minute = 0; minute < 5; minute++) await tick(env.registry, { now: T0 + minute * MINUTE, store })
    const stored = await record('flaky')
    expect(stored.totalRuns).toBe(5)
    expect(stored.failedRuns).toBe(2)
    const history = (await store.get('tickwork:history:flaky')) as RunSummary[]
    expect(history.map((run) => run.message)).toEqual([2, 3, 4].map((minute) => `slot ${T0 + minute * MINUTE}`))
    expect(stored.lastSummary).toEqual(history[2])
    expect(stored.config?.schedule).toBe(`every ${MINUTE} ms (fixed delay)`)

    // A new isolate: new registry, new task objects, same store.
    const fresh = setup(T0 + 5 * MINUTE)
    const runs: number[] = []
    fresh.make({ name: 'flaky', interval: MINUTE, run: (ctx) => void runs.push(ctx.scheduledAt) })
    expect((await tick(fresh.registry, { now: T0 + 4 * MINUTE, store })).summaries).toEqual([])
    await tick(fresh.registry, { now: T0 + 5 * MINUTE, store })
    expect(runs).toEqual([T0 + 5 * MINUTE])
    expect((await record('flaky')).totalRuns).toBe(6)
  })

  it('runs each slot once when two ticks race on one store', async () => {
    job('a')
    job('b', { level: 'low' })
    const [first, second] = await Promise.all([tick(env.registry, { now: T0, store }), tick(env.registry, { now: T0, store })])
    expect(ran.sort()).toEqual(['a', 'b'])
    expect([...first.summaries, ...second.summaries].map((run) => run.name).sort()).toEqual(['a', 'b'])
    expect([...first.contended, ...second.contended].sort()).toEqual(['a', 'b'])
  })

  it('leaves a task to the next tick while an overlapping tick in this isolate runs it', async () => {
    const slowRun = () =>
      new Promise<void>((resolve) =>
        env.clock.setTimeout(() => {
          ran.push('slow')
          resolve()
        }, 90_000),
      )
    job('slow', { run: slowRun })
    const first = tick(env.registry, { now: T0, store })
    await env.clock.flush()
    const second = await tick(env.registry, { now: T0 + MINUTE + 30_000, store })
    expect(second.contended).toEqual(['slow'])
    expect(second.nextDueAt).toBe(T0 + MINUTE)
    await env.clock.advance(90_000)
    expect((await first).summaries.map((run) => run.name)).toEqual(['slow'])
    expect(ran).toEqual(['slow'])
    expect((await record('slow')).totalRuns).toBe(1)
  })

  it('claims the slot in the store before the run starts', async () => {
    let seen: TaskRecord | undefined
    job('a', {
      run: async () => {
        seen = await record('a')
      },
    })
    await tick(env.registry, { now: T0, store })
    expect(seen?.lastDueAt).toBe(T0)
    expect(seen?.runCount).toBe(1)
    expect(seen?.totalRuns).toBe(0)
  })

  it('works with a store that has no compare-and-set (read then write)', async () => {
    const inner = memoryTickStore()
    const plain: TickStore = { get: (key) => inner.get(key), set: (key, value) => inner.set(key, value) }
    job('a')
    await tick(env.registry, { now: T0, store: plain })
    await tick(env.registry, { now: T0, store: plain })
    expect(ran).toEqual(['a'])
    expect((await record('a', plain)).totalRuns).toBe(1)
  })

  it('keeps its own memory store per registry when none is given', async () => {
    job('a')
    await tick(env.registry, { now: T0 })
    await tick(env.registry, { now: T0 })
    expect(ran).toEqual(['a'])
    const other = new TaskRegistry({ clock: env.clock })
    createTask({ name: 'a', interval: MINUTE, registry: other, run: () => void ran.push('other') })
    await tick(other, { now: T0 })
    expect(ran).toEqual(['a', 'other'])
  })

  it('never runs again a task that threw IrrecoverableError', async () => {
    job('doomed', {
      run: () => {
        throw new IrrecoverableError('credentials revoked')
      },
    })
    await tick(env.registry, { now: T0, store })
    const report = await tick(env.registry, { now: T0 + MINUTE, store })
    expect(report.summaries).toEqual([])
    expect(report.nextDueAt).toBeNull()
    expect((await record('doomed')).stopReason).toBe('IrrecoverableError: credentials revoked')
    expect(env.warnings).toHaveLength(1)
  })

  it('ends a task after maxRuns slots', async () => {
    job('twice', { maxRuns: 2 })
    for (let minute = 0; minute < 4; minute++) await tick(env.registry, { now: T0 + minute * MINUTE, store })
    expect(ran).toEqual(['twice', 'twice'])
  })

  it('sends the usual task events and keeps the task idle (no loop, no timers)', async () => {
    const events: string[] = []
    const task = job('a')
    env.registry.subscribe((event) => events.push(event.type))
    await tick(env.registry, { now: T0, store })
    expect(events).toEqual(['stateChanged', 'runStarted', 'runFinished', 'stateChanged'])
    expect(task.state).toBe('idle')
    expect(task.status().totalRuns).toBe(1)
    expect(env.clock.armedTimers).toBe(0)
  })

  it('writes the registry record: task names and the last tick', async () => {
    job('a')
    job('b', { interval: 5 * MINUTE })
    await tick(env.registry, { now: T0, store })
    await tick(env.registry, { now: T0 + MINUTE, store })
    expect(await store.get('tickwork:registry')).toEqual({
      v: 1,
      names: ['a', 'b'],
      lastTick: { now: T0 + MINUTE, ran: ['a'], shed: [], nextDueAt: T0 + 2 * MINUTE },
    })
  })

  it('starts afresh when a stored record is unreadable', async () => {
    job('a')
    await store.set('tickwork:task:a', { v: 99, garbage: true })
    await tick(env.registry, { now: T0, store })
    expect(ran).toEqual(['a'])
    expect((await record('a')).v).toBe(1)
  })

  it('keeps registries apart in one store with keyPrefix', async () => {
    job('a')
    await tick(env.registry, { now: T0, store, keyPrefix: 'one:' })
    await tick(env.registry, { now: T0, store, keyPrefix: 'two:' })
    expect(ran).toEqual(['a', 'a'])
  })

  it('rejects bad options with a message quoting what it got', async () => {
    job('a')
    const tickWith = (options: unknown): Promise<unknown> => tick(env.registry, options as never)
    await expect(tickWith({ now: '12:00' })).rejects.toThrow(InvalidOptionError)
    await expect(tickWith({ now: '12:00' })).rejects.toThrow(/now must be the platform's epoch ms .* got `"12:00"` \(string\)/)
    await expect(tickWith({ now: T0, budgetMs: -5 })).rejects.toThrow(/budgetMs must be a positive number of ms, got `-5` \(number\)/)
    await expect(tickWith({ now: T0, store: { get: 1 } })).rejects.toThrow(/store must be an object with async get\(key\) and set\(key, value\), got `\{"get":1\}` \(object\)/)
    await expect(tickWith(undefined)).rejects.toThrow(/needs an options object/)
    await expect(tickWith({ now: T0, keyPrefix: 3 })).rejects.toThrow(/keyPrefix must be a string, got `3` \(number\)/)
    expect(ran).toEqual([])
  })
})

describe('task.runOnce()', () => {
  it('resolves with the summary of one run at the given slot', async () => {
    const task = job('a', { run: () => 'done' })
    await env.clock.advance(250)
    const summary = await task.runOnce({ scheduledAt: T0, trigger: 'schedule' })
    expect(summary).toMatchObject({ success: true, message: 'done', lateMs: 250, trigger: 'schedule', runIndex: 0 })
    expect(task.history).toEqual([summary])
  })

  it('rejects while another run is in flight', async () => {
    const task = job('a', { run: () => new Promise(() => {}) })
    void task.runOnce()
    await expect(task.runOnce()).rejects.toThrow(/runOnce\(\) called while run 0 is in flight/)
  })
})
