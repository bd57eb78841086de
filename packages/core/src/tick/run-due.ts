import type { Clock } from '../clock.ts'
import { describeValue, InvalidOptionError, prefix } from '../errors.ts'
import { levelRank, type TaskLevel } from '../levels.ts'
import type { KernelRegistry } from '../registry.ts'
import type { Task } from '../task.ts'
import type { RunSummary } from '../types.ts'
import { decideDue, nextDueAfterRun } from './due.ts'
import { memoryTickStore } from './memory-store.ts'
import { freshRecord, historyKey, parseHistory, parseRecord, registryKey, taskKey, type RegistryRecord, type TaskRecord } from './record.ts'
import { assertTickStore, mutate, type TickStore } from './store.ts'

/** Options of `tick(registry, options)`. */
export interface TickOptions {
  /**
   * Epoch ms of this tick, from the platform: `controller.scheduledTime`, the
   * alarm time, the cron slot. Never `Date.now()` inside an isolate whose clock
   * may be frozen. Ticks redelivered for one slot must pass the same `now`.
   */
  now: number
  /** Ms after which no new run starts; the rest is shed, low level first. Default: no limit. */
  budgetMs?: number
  /** Where last runs, stats and history live. Default: a store in this registry's memory. */
  store?: TickStore
  /** Prefix of every store key, to keep several registries in one store. Default `tickwork:`. */
  keyPrefix?: string
  /** Measures the budget. Default: the registry's clock. */
  clock?: Clock
}

/** One run of a tick: the task's summary plus which task and slot. */
export interface TickRun extends RunSummary {
  name: string
  level: TaskLevel
  /** The slot it ran for (epoch ms, ≤ the tick's `now`). */
  dueAt: number
}

/** A due task that did not run because the budget was spent. It stays due for the next tick. */
export interface ShedTask {
  name: string
  level: TaskLevel
  dueAt: number
}

/** What one tick did. Plain JSON values. */
export interface TickReport {
  /** The tick's `now`. */
  now: number
  /** Runs of this tick, in the order they ran (critical first). */
  summaries: TickRun[]
  /** Due tasks not started because the budget was spent, low level first. */
  shed: ShedTask[]
  /** Due tasks another tick claimed first, or is running in this isolate (a redelivered or concurrent tick). */
  contended: string[]
  /** Earliest time a task is due again (≤ `now` when work was shed), or null when none will run again. */
  nextDueAt: number | null
  /** Budget clock ms this tick took. */
  elapsedMs: number
}

/** The claim loop gave up, or another tick claimed the slot first. */
const CONTENDED = Symbol('contended')

interface Candidate {
  task: Task
  order: number
  slot: number
}

function validate(options: TickOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${prefix('tick()')}needs an options object { now, budgetMs?, store? }, got ${describeValue(options)}`)
  }
  if (typeof options.now !== 'number' || !Number.isFinite(options.now)) {
    throw new InvalidOptionError(`${prefix('tick()')}now must be the platform's epoch ms (e.g. controller.scheduledTime), got ${describeValue(options.now)}`)
  }
  if (options.budgetMs !== undefined && (typeof options.budgetMs !== 'number' || !(options.budgetMs > 0))) {
    throw new InvalidOptionError(`${prefix('tick()')}budgetMs must be a positive number of ms, got ${describeValue(options.budgetMs)}`)
  }
  if (options.store !== undefined) assertTickStore(options.store, 'tick()')
  if (options.keyPrefix !== undefined && typeof options.keyPrefix !== 'string') {
    throw new InvalidOptionError(`${prefix('tick()')}keyPrefix must be a string, got ${describeValue(options.keyPrefix)}`)
  }
}

/**
 * Tasks a tick of this isolate is claiming or running. Two ticks in one
 * isolate (a redelivery overlapping a slow tick) must not both run one task:
 * the second leaves it due for the next tick.
 */
const busy = new WeakSet<Task>()

/** Stores without their own default share one per registry, so ticks in one isolate see each other. */
const defaultStores = new WeakMap<KernelRegistry, TickStore>()

function storeFor(registry: KernelRegistry, store: TickStore | undefined): TickStore {
  if (store !== undefined) return store
  let fallback = defaultStores.get(registry)
  if (fallback === undefined) {
    fallback = memoryTickStore()
    defaultStores.set(registry, fallback)
  }
  return fallback
}

function recordOf(value: unknown, task: Task): TaskRecord {
  return parseRecord(value) ?? freshRecord(task.name, task.level)
}

/**
 * Edge tick mode: runs the tasks of `registry` due at `options.now` (from
 * the platform: `controller.scheduledTime`, the cron slot), with last runs
 * kept in `options.store`. It reads each task's record, runs the due ones one
 * after another in level order (critical first, then registration order),
 * claiming each slot atomically just before its run, and stops starting runs
 * once `budgetMs` is spent (the rest is shed, low first). Tasks are not
 * started; the platform calls in. A function over the registry, not a
 * method, so apps without tick mode do not carry it.
 *
 * @example
 * export default { scheduled: (controller) => tick(registry, { now: controller.scheduledTime, store }) }
 */
export async function tick(registry: KernelRegistry, options: TickOptions): Promise<TickReport> {
  validate(options)
  const { now } = options
  const store = storeFor(registry, options.store)
  const keyPrefix = options.keyPrefix ?? 'tickwork:'
  const clock = options.clock ?? registry.clock
  const startedAt = clock.now()
  const tasks = registry.list()

  const candidates: Candidate[] = []
  const later: number[] = []
  const records = await Promise.all(tasks.map((task) => store.get(taskKey(keyPrefix, task.name))))
  tasks.forEach((task, order) => {
    const decision = decideDue(task, recordOf(records[order], task), now)
    if (decision.kind === 'due') candidates.push({ task, order, slot: decision.slot })
    else if (decision.kind === 'later') later.push(decision.at)
  })
  candidates.sort((a, b) => levelRank(a.task.level) - levelRank(b.task.level) || a.order - b.order)

  const summaries: TickRun[] = []
  const shed: ShedTask[] = []
  const contended: string[] = []
  for (const candidate of candidates) {
    const { task } = candidate
    if (options.budgetMs !== undefined && clock.now() - startedAt >= options.budgetMs) {
      shed.push({ name: task.name, level: task.level, dueAt: candidate.slot })
      later.push(candidate.slot)
      continue
    }
    if (busy.has(task) || task.state === 'running') {
      contended.push(task.name)
      later.push(candidate.slot)
      continue
    }
    busy.add(task)
    const run = await claimAndRun(store, keyPrefix, task, now).finally(() => busy.delete(task))
    if (run === CONTENDED) {
      contended.push(task.name)
      continue
    }
    summaries.push(run.summary)
    if (run.nextDueAt !== null) later.push(run.nextDueAt)
  }
  shed.sort((a, b) => levelRank(b.level) - levelRank(a.level))

  const nextDueAt = later.length === 0 ? null : Math.min(...later)
  const ran = summaries.map((summary) => summary.name)
  const registryRecord: RegistryRecord = {
    v: 1,
    names: tasks.map((task) => task.name),
    lastTick: { now, ran, shed: shed.map((task) => task.name), nextDueAt },
  }
  await store.set(registryKey(keyPrefix), registryRecord)
  return { now, summaries, shed, contended, nextDueAt, elapsedMs: clock.now() - startedAt }
}

/**
 * Claims the task's slot (re-deciding on the freshest record, so a tick that
 * lost the race sees the slot as taken), runs it, and folds the summary into
 * the record.
 */
async function claimAndRun(
  store: TickStore,
  keyPrefix: string,
  task: Task,
  now: number,
): Promise<typeof CONTENDED | { summary: TickRun; nextDueAt: number | null }> {
  const key = taskKey(keyPrefix, task.name)
  let slot = 0
  const claimed = await mutate<TaskRecord>(store, key, (current) => {
    const record = recordOf(current, task)
    const decision = decideDue(task, record, now)
    if (decision.kind !== 'due') return { abort: true }
    slot = decision.slot
    return {
      write: {
        ...record,
        level: task.level,
        lastDueAt: decision.slot,
        lastTickAt: now,
        runCount: record.runCount + 1,
        skippedRuns: record.skippedRuns + decision.skipped,
        // Computed again after the run; until then the claimed slot is what stands.
        nextDueAt: null,
        config: task.config,
      },
    }
  })
  if (claimed === undefined) return CONTENDED

  const failedBefore = task.status().state === 'failed'
  const summary = await task.runOnce({ scheduledAt: slot, trigger: 'schedule' })
  const after = task.status()
  // This run threw an IrrecoverableError: the task ends here, as its loop would.
  const stopReason = !failedBefore && after.state === 'failed' ? (after.stopReason ?? 'failed') : null
  let nextDueAt: number | null = null
  const limit = task.config.historySize
  await mutate<TaskRecord>(store, key, (current) => {
    // Another tick may have claimed a later slot meanwhile: keep its claim, add our outcome.
    const record = recordOf(current, task)
    const failed = !summary.success
    const updated: TaskRecord = {
      ...record,
      totalRuns: record.totalRuns + 1,
      failedRuns: record.failedRuns + (failed ? 1 : 0),
      consecutiveFailures: failed ? record.consecutiveFailures + 1 : 0,
      lastSummary: summary,
      stopReason: record.stopReason ?? stopReason,
    }
    nextDueAt = updated.stopReason === null ? nextDueAfterRun(task, updated, now) : null
    updated.nextDueAt = nextDueAt
    return { write: updated }
  })
  await mutate<unknown[]>(store, historyKey(keyPrefix, task.name), (current) => ({ write: [...parseHistory(current), summary].slice(-limit) }))
  return { summary: { ...summary, name: task.name, level: task.level, dueAt: slot }, nextDueAt }
}
