// Tick mode on a fleet, whatever the engine: what one instance process does
// (`tickInstance`) and the budget check, shared by the Redis and PostgreSQL suites.
import { createInterface } from 'node:readline'
import { expect } from 'vitest'
import { createTask } from '../../src/create-task.ts'
import { TaskRegistry } from '../../src/task-registry.ts'
import { createTestClock } from '../../src/testing.ts'
import type { TickStore } from '../../src/tick/store.ts'
import { tickOnce } from './tick-once.ts'

export const SLOT_MS = 60_000
export const BASE = Date.UTC(2026, 0, 1)
export const TICK_TASKS = [
  { name: 'report', level: 'critical' },
  { name: 'sync', level: 'medium' },
  { name: 'cleanup', level: 'low' },
] as const

/** What one instance process counted. */
export interface TickTally {
  runs: number
  duplicates: number
  contended: number
  shed: number
  /** Largest distance seen between a run's `ctx.scheduledAt` and its slot, in ms. */
  maxSlotDriftMs: number
}

/**
 * One instance of a fleet in tick mode: `callers` registries (as many app
 * instances) tick `store` through `slots` slots; each run writes (task, slot)
 * to the engine's ledger through `record`, which resolves false for a
 * duplicate. Prints `ready`, starts on `go` (stdin), prints one JSON line of tallies.
 */
export async function tickInstance(store: TickStore, record: (task: string, slot: number) => Promise<boolean>, callers: number, slots: number): Promise<TickTally> {
  const tally: TickTally = { runs: 0, duplicates: 0, contended: 0, shed: 0, maxSlotDriftMs: 0 }
  const instance = (): TaskRegistry => {
    const registry = new TaskRegistry()
    for (const { name, level } of TICK_TASKS) {
      createTask({
        name,
        level,
        interval: SLOT_MS,
        registry,
        run: async (ctx) => {
          tally.runs++
          // The kernel hands tick runs their slot through monotonic time (e.g. 1767225599999.9082 for 1767225600000,
          // sometimes a millisecond off): snap it to the slot grid, so every process names a slot alike and the
          // ledger's unique index can catch a second run. The drift is kept, to be printed.
          const slot = BASE + Math.round((ctx.scheduledAt - BASE) / SLOT_MS) * SLOT_MS
          tally.maxSlotDriftMs = Math.max(tally.maxSlotDriftMs, Math.abs(ctx.scheduledAt - slot))
          if (!(await record(name, slot))) tally.duplicates++
        },
      })
    }
    return registry
  }
  const registries = Array.from({ length: callers }, instance)
  console.log('ready')
  for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break
  await Promise.all(
    registries.map(async (registry) => {
      for (let slot = 0; slot < slots; slot++) {
        const report = await tickOnce(registry, { now: BASE + slot * SLOT_MS, store })
        tally.contended += report.contended.length
        tally.shed += report.shed.length
      }
    }),
  )
  console.log(JSON.stringify(tally))
  return tally
}

/** Four levels under a budget that fits two runs: low is shed first, and what was shed runs once, at the next tick. */
export async function expectBudgetShedsLowFirst(store: TickStore): Promise<void> {
  const clock = createTestClock({ now: 0 })
  const registry = new TaskRegistry({ clock })
  const ran: string[] = []
  for (const level of ['low', 'medium', 'high', 'critical'] as const) {
    createTask({
      name: level,
      level,
      interval: 60_000,
      registry,
      run: () => {
        ran.push(level)
        // Each run costs 10 ms of the budget clock.
        return clock.advance(10)
      },
    })
  }
  const first = await tickOnce(registry, { now: 60_000, budgetMs: 15, store, clock })
  expect(first.summaries.map((run) => run.name)).toEqual(['critical', 'high'])
  expect(first.shed.map((task) => task.name)).toEqual(['low', 'medium'])
  // A second instance ticks the same slot: the shed tasks run there, once; the others are not due.
  const second = await tickOnce(registry, { now: 60_000, store, clock })
  expect(second.summaries.map((run) => run.name)).toEqual(['medium', 'low'])
  const third = await tickOnce(registry, { now: 60_000, store, clock })
  expect(third.summaries).toEqual([])
  expect(ran).toEqual(['critical', 'high', 'medium', 'low'])
}
