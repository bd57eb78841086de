import { createTask, TaskRegistry, type Logger, type Task, type TaskOptions } from '../src/index.ts'
import { createTestClock, type TestClock } from '../src/testing.ts'

/** A fresh registry on a fresh virtual clock, with warnings collected instead of printed. */
export function setup(start = 0): { clock: TestClock; registry: TaskRegistry; warnings: unknown[][]; logger: Logger; make: (options: Partial<TaskOptions> & { name: string }) => Task } {
  const clock = createTestClock({ now: start })
  const warnings: unknown[][] = []
  const logger: Logger = { warn: (...args) => warnings.push(args) }
  const registry = new TaskRegistry({ clock, logger })
  const make = (options: Partial<TaskOptions> & { name: string }): Task =>
    createTask({ ...(options.schedule ? {} : { interval: 1000 }), run: () => {}, logger, registry, ...options })
  return { clock, registry, warnings, logger, make }
}

/** A promise with its resolve and reject exposed. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** mulberry32: a small seeded PRNG, so a failing random test replays exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
