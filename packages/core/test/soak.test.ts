/**
 * The short soak for CI (the long one is `node bench/soak.mjs`): 10,000 runs
 * across 100 tasks on the virtual clock, with 30 % failures, 5 % timeouts and
 * 1 % irrecoverable errors drawn from a seeded stream. Stats must match the
 * injected outcomes exactly, and nothing may escape as an unhandled rejection.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTask, IrrecoverableError, sleep, TaskRegistry, type RunContext, type RunFunction, type TaskLevel } from '@tickwork/core'
import { timerQueueFor } from '@tickwork/core/testing'
import { createTestClock } from '@tickwork/core/testing'
import { seededRandom } from './helpers.ts'

const TASKS = 100
const RUNS_PER_TASK = 100
const SEED = 8
const TIMEOUT_MS = 15

type Outcome = 'ok' | 'okAsync' | 'okResult' | 'okSleep' | 'throw' | 'reject' | 'resultFail' | 'throwString' | 'timeout' | 'irrecoverable'
const FAILURES: Outcome[] = ['throw', 'reject', 'resultFail', 'throwString']
const SUCCESSES: Outcome[] = ['ok', 'okAsync', 'okResult', 'okSleep']


function plan(seed: number): Outcome[][] {
  const next = seededRandom(seed)
  const pick = (list: Outcome[]): Outcome => list[Math.floor(next() * list.length)] as Outcome
  const draw = (): Outcome => {
    const r = next()
    if (r < 0.01) return 'irrecoverable'
    if (r < 0.06) return 'timeout'
    if (r < 0.36) return pick(FAILURES)
    return pick(SUCCESSES)
  }
  return Array.from({ length: TASKS }, () => Array.from({ length: RUNS_PER_TASK }, draw))
}

let escaped: unknown[]
const onEscape = (reason: unknown): void => void escaped.push(reason)
beforeEach(() => {
  escaped = []
  process.on('unhandledRejection', onEscape)
  process.on('uncaughtException', onEscape)
})
afterEach(() => {
  process.off('unhandledRejection', onEscape)
  process.off('uncaughtException', onEscape)
})

describe('soak (virtual clock)', () => {
  it(`${TASKS * RUNS_PER_TASK} runs across ${TASKS} tasks: stats match the injected failures, nothing escapes, nothing is left armed`, async () => {
    const outcomes = plan(SEED)
    const clock = createTestClock({ now: Date.UTC(2026, 0, 1) })
    const registry = new TaskRegistry({ clock, logger: { warn: () => {} } })
    const levels: TaskLevel[] = ['critical', 'high', 'medium', 'low']
    const seen = outcomes.map(() => ({ finished: 0, failed: 0, timeouts: 0, irrecoverable: 0, nonError: 0 }))
    let userSignalListeners = 0

    const body = (outcome: Outcome, ctx: RunContext): ReturnType<RunFunction> => {
      switch (outcome) {
        case 'ok':
          return undefined
        case 'okAsync':
          return Promise.resolve('ok')
        case 'okResult':
          return { message: 'ok', extra: { index: ctx.runIndex, ok: true } as Record<string, unknown> }
        case 'okSleep': {
          // A user's own signal handed to sleep(): it must end with no listener left.
          const controller = new AbortController()
          const add = controller.signal.addEventListener.bind(controller.signal)
          const remove = controller.signal.removeEventListener.bind(controller.signal)
          controller.signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
            userSignalListeners++
            add(...args)
          }) as AbortSignal['addEventListener']
          controller.signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
            userSignalListeners--
            remove(...args)
          }) as AbortSignal['removeEventListener']
          return sleep(3, controller.signal, { clock }).then(() => undefined)
        }
        case 'throw':
          throw new Error('injected failure')
        case 'reject':
          return Promise.resolve().then(() => Promise.reject(new TypeError('injected rejection')))
        case 'resultFail':
          return { success: false, message: 'injected result failure' }
        case 'throwString':
          throw 'injected string'
        case 'timeout':
          return new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }))
        case 'irrecoverable':
          throw new IrrecoverableError('injected irrecoverable')
      }
    }

    const tasks = outcomes.map((planned, index) => {
      const task = createTask({
        name: `soak-${index}`,
        interval: 1 + (index % 7),
        timeout: TIMEOUT_MS,
        level: levels[index % 4] as TaskLevel,
        registry,
        logger: { warn: () => {} },
        run: (ctx) => body(planned[ctx.runIndex] ?? 'irrecoverable', ctx),
      })
      const mine = seen[index]!
      task.subscribe((event) => {
        if (event.type === 'runFinished') {
          mine.finished++
          const { error, success } = event.summary
          if (!success) mine.failed++
          if (error?.name === 'TimeoutError') mine.timeouts++
          if (error?.name === 'IrrecoverableError') mine.irrecoverable++
          if (error?.name === 'NonErrorThrown') mine.nonError++
          if (mine.finished === RUNS_PER_TASK) void task.stop({ timeout: 100 })
        }
        // An irrecoverable error ends the loop; a supervisor restarts it.
        if (event.type === 'stateChanged' && event.state === 'failed' && mine.finished < RUNS_PER_TASK) queueMicrotask(() => task.start())
      })
      return task
    })

    registry.startAll()
    for (let step = 0; step < 10_000 && tasks.some((task) => task.isRunning || task.state === 'running'); step++) await clock.advance(50)

    const count = (list: Outcome[], outcome: Outcome | Outcome[]): number => list.filter((o) => (Array.isArray(outcome) ? outcome.includes(o) : o === outcome)).length
    const mismatches: string[] = []
    tasks.forEach((task, index) => {
      const planned = outcomes[index]!
      const status = task.status()
      const want = {
        totalRuns: RUNS_PER_TASK,
        failedRuns: count(planned, [...FAILURES, 'timeout', 'irrecoverable']),
        timeouts: count(planned, 'timeout'),
        irrecoverable: count(planned, 'irrecoverable'),
        nonError: count(planned, 'throwString'),
      }
      const got = { totalRuns: status.totalRuns, failedRuns: status.failedRuns, timeouts: seen[index]!.timeouts, irrecoverable: seen[index]!.irrecoverable, nonError: seen[index]!.nonError }
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${task.name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`)
      if (status.successRate !== (status.totalRuns - status.failedRuns) / status.totalRuns) mismatches.push(`${task.name}: successRate ${status.successRate}`)
      if (task.history.length > 50) mismatches.push(`${task.name}: history of ${task.history.length}`)
    })
    expect(mismatches).toEqual([])

    const all = outcomes.flat()
    const failedRuns = tasks.reduce((sum, task) => sum + task.status().failedRuns, 0)
    expect(failedRuns / all.length).toBeCloseTo(0.36, 1)
    expect(count(all, 'timeout')).toBeGreaterThan(0)
    expect(count(all, 'irrecoverable')).toBeGreaterThan(0)

    await registry.stopAll({ timeout: 100 })
    await clock.advance(1000)
    expect(clock.armedTimers).toBe(0)
    expect(timerQueueFor(clock).size).toBe(0)
    expect(userSignalListeners).toBe(0)
    await new Promise((resolve) => setImmediate(resolve))
    expect(escaped).toEqual([])
  }, 60_000)
})
