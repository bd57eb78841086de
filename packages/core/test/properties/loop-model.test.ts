import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTask, TaskRegistry, type Task } from '../../src/index.ts'
import { createTestClock, type TestClock } from '../../src/testing.ts'

/*
 * Model-based test of the task loop: random sequences of start, stop, pause,
 * resume, trigger, update, advance and run-settles, run against a real task
 * on the virtual clock and against the small reference model below, which
 * is the documented semantics (docs/kernel.md) written as plainly as
 * possible. After every command the state, the run count, every run's start
 * time and the next due time must agree.
 */

const INTERVAL = 100
const INITIAL_DELAY = 30

type Phase = 'idle' | 'live' | 'paused' | 'stopped' | 'completed'

class Model {
  now = 0
  phase: Phase = 'idle'
  due: number | null = null
  running = false
  outside = false
  queued = false
  runs = 0
  lastEnd: number | null = null
  interval = INTERVAL
  maxRuns: number | undefined
  starts: number[] = []

  constructor(maxRuns: number | undefined) {
    this.maxRuns = maxRuns
  }

  get live(): boolean {
    return this.phase === 'live' || this.phase === 'paused'
  }

  get state(): string {
    if (this.running && (this.phase === 'live' || (this.outside && this.phase !== 'paused'))) return 'running'
    if (this.phase === 'live') return 'scheduled'
    return this.phase
  }

  plan(from: number): void {
    if (this.maxRuns !== undefined && this.runs >= this.maxRuns) {
      this.phase = 'completed'
      this.due = null
      return
    }
    this.due = Math.max(this.runs === 0 ? from : from + this.interval, from)
  }

  startRun(manual: boolean): void {
    if (!manual) this.due = null
    this.running = true
    this.outside = !this.live
    this.runs++
    this.starts.push(this.now)
  }

  start(): void {
    if (this.live) return
    this.phase = 'live'
    this.runs = 0
    this.lastEnd = null
    this.plan(this.now + INITIAL_DELAY)
  }

  stop(): void {
    this.queued = false
    if (!this.live) return
    this.phase = 'stopped'
    this.due = null
  }

  pause(): void {
    if (this.phase === 'live') this.phase = 'paused'
  }

  resume(): void {
    if (this.phase !== 'paused') return
    this.phase = 'live'
    if (!this.running && this.due === null) this.plan(this.now)
  }

  trigger(): void {
    if (this.running) {
      this.queued = true
      return
    }
    if (this.live) this.due = null
    this.startRun(true)
  }

  advance(ms: number): void {
    const target = this.now + ms
    while (this.phase === 'live' && !this.running && this.due !== null && this.due <= target) {
      this.now = Math.max(this.now, this.due)
      this.startRun(false)
    }
    this.now = target
  }

  settle(): void {
    if (!this.running) return
    this.running = false
    this.lastEnd = this.now
    if (this.live && this.due === null && !this.queued) this.plan(this.now)
    else if (this.phase === 'paused' && this.maxRuns !== undefined && this.runs >= this.maxRuns) this.phase = 'completed'
    // A run asked for during the one that ended starts right after it (from a fresh microtask).
    if (this.queued) {
      this.queued = false
      this.startRun(true)
    }
  }

  updateInterval(ms: number): void {
    this.interval = ms
    if (!this.live || this.running || this.runs === 0) return
    this.plan(this.lastEnd ?? this.now)
    if (this.due !== null) this.due = Math.max(this.due, this.now)
  }

  updateMaxRuns(max: number): void {
    this.maxRuns = max
    if (this.live && this.runs >= max) {
      this.phase = 'completed'
      this.due = null
    }
  }
}

interface Real {
  clock: TestClock
  task: Task
  starts: number[]
  settleRun: (() => void) | undefined
}

function check(model: Model, real: Real): void {
  expect(real.task.state).toBe(model.state)
  expect(real.starts).toEqual(model.starts)
  const next = real.task.status().nextRunAt
  expect(next).toBe(model.due !== null && !model.running ? model.due : null)
}

type Command = fc.AsyncCommand<Model, Real>

const simple = (label: string, apply: (model: Model, real: Real) => void): (() => Command) => () => ({
  check: () => true,
  async run(model, real) {
    apply(model, real)
    await real.clock.flush()
    check(model, real)
  },
  toString: () => label,
})

const commands = [
  fc.constant(simple('start', (m, r) => (m.start(), r.task.start()))),
  fc.constant(simple('stop', (m, r) => (m.stop(), void r.task.stop({ timeout: 1e9 })))),
  fc.constant(simple('pause', (m, r) => (m.pause(), r.task.pause()))),
  fc.constant(simple('resume', (m, r) => (m.resume(), r.task.resume()))),
  fc.constant(simple('trigger', (m, r) => (m.trigger(), r.task.trigger()))),
  fc.integer({ min: 1, max: 400 }).map((ms) => simple(`update({ interval: ${ms} })`, (m, r) => (m.updateInterval(ms), r.task.update({ interval: ms })))),
  fc.integer({ min: 0, max: 6 }).map((max) => simple(`update({ maxRuns: ${max} })`, (m, r) => (m.updateMaxRuns(max), r.task.update({ maxRuns: max })))),
  fc.integer({ min: 0, max: 350 }).map(
    (ms): (() => Command) => () => ({
      check: () => true,
      async run(model, real) {
        model.advance(ms)
        await real.clock.advance(ms)
        check(model, real)
      },
      toString: () => `advance(${ms})`,
    }),
  ),
  fc.constant(
    (): Command => ({
      check: (model) => model.running,
      async run(model, real) {
        model.settle()
        const settle = real.settleRun
        real.settleRun = undefined
        settle?.()
        await real.clock.flush()
        check(model, real)
      },
      toString: () => 'settle',
    }),
  ),
]

describe('the task loop against its reference model', () => {
  it('agrees on state, runs, start times and the next due time over 1,000 random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), fc.commands(commands.map((c) => c.map((make) => make())), { maxCommands: 40 }), async (maxRuns, cmds) => {
        const clock = createTestClock()
        const registry = new TaskRegistry({ clock, plugins: [], logger: { warn: () => {} } })
        const real: Real = { clock, task: undefined as unknown as Task, starts: [], settleRun: undefined }
        real.task = createTask({
          name: 'model',
          interval: INTERVAL,
          initialDelay: INITIAL_DELAY,
          ...(maxRuns === undefined ? {} : { maxRuns }),
          registry,
          run: () => {
            real.starts.push(clock.now())
            return new Promise<void>((resolve) => {
              real.settleRun = resolve
            })
          },
        })
        await fc.asyncModelRun(() => ({ model: new Model(maxRuns), real }), cmds)
      }),
      { numRuns: 1000, seed: 20261201 },
    )
  }, 120_000)
})
