import { describeValue, InvalidOptionError, prefix } from '../errors.ts'
import type { KernelRegistry as TaskRegistry } from '../registry.ts'
import type { RegistrySource, SourceChange, TaskView } from '../registry-source.ts'
import type { TaskConfigView } from '../task.ts'
import type { TaskStatus } from '../types.ts'
import { historyKey, parseHistory, parseRecord, parseRegistryRecord, registryKey, taskKey, type RegistryRecord, type TaskRecord } from './record.ts'
import type { RunSummary } from '../types.ts'
import { assertTickStore, type TickStore } from './store.ts'

/** Options of {@link snapshotSource}. */
export interface SnapshotSourceOptions {
  /** Shown in the panel's source switcher. Default `tick store`. */
  label?: string
  /** The prefix the ticks wrote with. Default `tickwork:`. */
  keyPrefix?: string
}

/** A read-only {@link RegistrySource} over what a tick store holds; `refresh()` reads it again. */
export interface SnapshotSource extends RegistrySource {
  readonly controllable: false
  /** Re-reads the store and notifies subscribers of what changed. */
  refresh(): Promise<void>
  /** The last tick as recorded in the store, or null before the first. */
  lastTick(): RegistryRecord['lastTick']
}

const UNKNOWN_CONFIG: TaskConfigView = {
  schedule: 'unknown (not yet written by a tick)',
  interval: null,
  initialDelay: 0,
  timeout: null,
  maxRuns: null,
  until: null,
  historySize: 0,
  keepAlive: true,
}

function viewOf(record: TaskRecord, history: RunSummary[], registry: TaskRegistry | undefined): TaskView {
  const ended = record.stopReason !== null
  const config = registry?.get(record.name)?.config ?? record.config ?? UNKNOWN_CONFIG
  const status: TaskStatus = {
    name: record.name,
    level: record.level,
    interval: config.interval,
    // A tick-driven task between ticks is waiting for its next slot: "scheduled".
    state: !ended ? 'scheduled' : record.stopReason?.startsWith('completed') === true ? 'completed' : 'failed',
    isRunning: !ended,
    isActive: !ended,
    totalRuns: record.totalRuns,
    failedRuns: record.failedRuns,
    successRate: record.totalRuns === 0 ? null : (record.totalRuns - record.failedRuns) / record.totalRuns,
    skippedRuns: record.skippedRuns,
    lastSummary: record.lastSummary,
    nextRunAt: record.nextDueAt,
  }
  if (record.stopReason !== null) status.stopReason = record.stopReason
  return { status, history, config }
}

/**
 * A read-only view of a tick-driven registry, read back from its store, for
 * the devtools panel. Tasks are those the last tick listed (plus those of
 * `registry`, when given, so a task that never ran shows too). It never runs
 * or controls anything: `controllable` is false and `control()` is ignored.
 *
 * @example
 * const source = await snapshotSource(denoKvStore(kv), { label: 'deno cron' })
 * <TickworkDevtoolsPanel sources={[source]} />
 */
export async function snapshotSource(store: TickStore, registry?: TaskRegistry, options: SnapshotSourceOptions = {}): Promise<SnapshotSource> {
  assertTickStore(store, 'snapshotSource()')
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${prefix('snapshotSource()')}options must be an object, got ${describeValue(options)}`)
  }
  const keyPrefix = options.keyPrefix ?? 'tickwork:'
  const listeners = new Set<(change: SourceChange) => void>()
  let names: string[] = []
  let views = new Map<string, TaskView>()
  let lastTick: RegistryRecord['lastTick'] = null

  const load = async (): Promise<SourceChange> => {
    const registryRecord = parseRegistryRecord(await store.get(registryKey(keyPrefix)))
    const wanted = [...(registryRecord?.names ?? [])]
    for (const task of registry?.list() ?? []) if (!wanted.includes(task.name)) wanted.push(task.name)
    const entries = await Promise.all(
      wanted.map(async (name) => {
        const [record, history] = await Promise.all([store.get(taskKey(keyPrefix, name)), store.get(historyKey(keyPrefix, name))])
        return { record: parseRecord(record), history: parseHistory(history) }
      }),
    )
    const nextViews = new Map<string, TaskView>()
    for (const { record, history } of entries) {
      if (record !== undefined) nextViews.set(record.name, viewOf(record, history, registry))
    }
    const nextNames = wanted.filter((name) => nextViews.has(name))
    const changed = nextNames.filter((name) => JSON.stringify(nextViews.get(name)) !== JSON.stringify(views.get(name)))
    const structure = nextNames.join('\n') !== names.join('\n')
    names = nextNames
    views = nextViews
    lastTick = registryRecord?.lastTick ?? null
    return { names: changed, structure }
  }
  await load()

  return {
    label: options.label ?? 'tick store',
    controllable: false,
    names: () => names,
    view: (name) => views.get(name),
    subscribe: (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    control: () => {
      // A snapshot shows what ran; runs happen only when the platform ticks.
    },
    lastTick: () => lastTick,
    now: () => lastTick?.now ?? Date.now(),
    refresh: async () => {
      const change = await load()
      if (change.names.length === 0 && !change.structure) return
      for (const listener of [...listeners]) {
        try {
          listener(change)
        } catch {
          // One broken listener must not keep the others from hearing of the change.
        }
      }
    },
  }
}
