import { describeValue, InvalidOptionError, prefix } from '../errors.ts'
import { applyTaskAction, taskView, type TaskView } from '../registry-source.ts'
import { isTaskRegistry } from '../brand.ts'
import { subscribeWithFacets, type WatchedEvent } from '../facet-watch.ts'
import type { KernelRegistry as TaskRegistry } from '../registry.ts'
import { isBridgePort, listen, randomId, safePost, type BridgePort } from './port.ts'
import { envelope, parseClientMessage, type ClientMessage, type ServerMessage } from './protocol.ts'

/** Options of {@link exposeRegistry}. */
export interface ExposeOptions {
  /** The name clients show for this registry (e.g. in the devtools source switcher). Default `'registry'`. */
  name?: string
  /**
   * Ms over which live events are gathered into one update, on the
   * registry's clock. `0` sends one update per burst of synchronous events
   * (a microtask). Default 50.
   */
  coalesceMs?: number
}

/** Closes an exposure (the function itself), with its counters. */
export interface RegistryExposure {
  /** Says `bye` to every client and removes every listener and timer. Calling it again does nothing. */
  (): void
  /** Same as calling the exposure. */
  close(): void
  /** This exposure's id on the channel (clients address controls to it). */
  readonly id: string
  readonly closed: boolean
  /**
   * Counters: `received`, `malformed`, `foreign` (not bridge messages),
   * `ignored` (meant for another peer), `controls` applied (task and facet), `unknownTask`
   * controls dropped, `updates` and `snapshots` sent, `postFailed`, `refusedClients`
   * (beyond {@link MAX_CLIENTS}), `controlErrors` (controls that threw, facet actions that rejected), `clients` connected.
   */
  diagnostics(): Record<string, number>
}

const MESSAGE_PREFIX = prefix('exposeRegistry()')
/** Clients one exposure serves at most: each costs a snapshot, and a noisy peer must not grow the set without bound. */
export const MAX_CLIENTS = 64

function validate(registry: unknown, port: unknown, options: unknown): asserts options is ExposeOptions {
  if (!isTaskRegistry(registry)) throw new InvalidOptionError(`${MESSAGE_PREFIX}needs a TaskRegistry, got ${describeValue(registry)}`)
  if (!isBridgePort(port)) {
    throw new InvalidOptionError(`${MESSAGE_PREFIX}port must be a MessagePort, Worker, worker scope or BroadcastChannel, got ${describeValue(port)}`)
  }
  if (options === null || typeof options !== 'object') throw new InvalidOptionError(`${MESSAGE_PREFIX}options must be an object, got ${describeValue(options)}`)
  const { name, coalesceMs } = options as Record<string, unknown>
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '' || name.length > 200)) {
    throw new InvalidOptionError(`${MESSAGE_PREFIX}name must be a non-empty string of at most 200 characters, got ${describeValue(name)}`)
  }
  if (coalesceMs !== undefined && (typeof coalesceMs !== 'number' || !Number.isFinite(coalesceMs) || coalesceMs < 0)) {
    throw new InvalidOptionError(`${MESSAGE_PREFIX}coalesceMs must be a finite number of ms ≥ 0, got ${describeValue(coalesceMs)}`)
  }
}

/**
 * Makes `registry` visible over `port` to `connectRegistry()` (from
 * `@tickwork/devtools`) on the other side: a snapshot for each client that
 * says hello, then live changes gathered into updates, and the task controls
 * (start, stop, pause, resume, trigger, clearHistory) for this registry's
 * tasks, and the actions their facets offer (a queue's drain, a cache's
 * refresh…) — nothing else can be called through it. Malformed messages are
 * dropped and counted, never thrown. Returns the function that closes it.
 *
 * @example
 * // worker.ts
 * const registry = getDefaultRegistry()
 * createTask({ name: 'sync', interval: 5000, run: sync }).start()
 * exposeRegistry(registry, self, { name: 'sync worker' })
 */
export function exposeRegistry(registry: TaskRegistry, port: BridgePort, options: ExposeOptions = {}): RegistryExposure {
  validate(registry, port, options)
  const name = options.name ?? 'registry'
  const coalesceMs = options.coalesceMs ?? 50
  const clock = registry.clock
  const id = randomId()
  const clients = new Set<string>()
  const counters = { received: 0, malformed: 0, foreign: 0, ignored: 0, controls: 0, unknownTask: 0, updates: 0, snapshots: 0, postFailed: 0, refusedClients: 0, controlErrors: 0 }
  const dirty = new Set<string>()
  /** Per task, the run index of the newest summary the last update carried: later updates send only newer runs. */
  const sentUpTo = new Map<string, number>()
  let structureChanged = false
  let flushPending = false
  let timer: unknown
  let unsubscribeRegistry: (() => void) | undefined
  let closed = false

  const post = (body: ServerMessage): void => {
    if (!safePost(port, body)) counters.postFailed++
  }

  const viewsOf = (names: Iterable<string>): TaskView[] => {
    const views: TaskView[] = []
    for (const taskName of names) {
      const view = taskView(registry, taskName)
      if (view !== undefined) views.push(view)
    }
    return views
  }

  const flush = (): void => {
    flushPending = false
    timer = undefined
    if (closed || clients.size === 0) return
    const names = [...dirty]
    dirty.clear()
    const order = structureChanged ? registry.list().map((task) => task.name) : null
    structureChanged = false
    const appended: string[] = []
    const views = viewsOf(names).map((view) => {
      const taskName = view.status.name
      const history = view.history
      const previous = sentUpTo.get(taskName)
      const newest = history.at(-1)
      if (newest === undefined) sentUpTo.delete(taskName)
      else sentUpTo.set(taskName, newest.runIndex)
      // The previous newest run is still there, so no clearHistory() came between: send the tail only.
      if (previous === undefined || !history.some((summary) => summary.runIndex === previous)) return view
      appended.push(taskName)
      return { ...view, history: history.filter((summary) => summary.runIndex > previous) }
    })
    const removed = names.filter((n) => registry.get(n) === undefined)
    for (const taskName of removed) sentUpTo.delete(taskName)
    post(envelope({ type: 'update', server: id, now: clock.wallNow(), views, appended, removed, order }))
    counters.updates++
  }

  const scheduleFlush = (): void => {
    if (flushPending) return
    flushPending = true
    if (coalesceMs === 0) {
      queueMicrotask(flush)
      return
    }
    timer = clock.setTimeout(flush, coalesceMs)
    // A bridge alone must not keep a Node/Deno process alive.
    clock.unref?.(timer)
  }

  const onRegistryEvent = (event: WatchedEvent): void => {
    const taskName = event.type === 'taskAdded' ? event.task.name : event.name
    if (event.type === 'taskAdded' || event.type === 'taskRemoved') structureChanged = true
    dirty.add(taskName)
    scheduleFlush()
  }

  const cancelFlush = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer)
    timer = undefined
    flushPending = false
    dirty.clear()
    structureChanged = false
  }

  // Live events are only gathered while someone listens.
  const dropClient = (client: string): void => {
    clients.delete(client)
    if (clients.size > 0) return
    unsubscribeRegistry?.()
    unsubscribeRegistry = undefined
    cancelFlush()
  }

  const handle = (message: ClientMessage): void => {
    if (message.type === 'hello') {
      if (message.to !== null && message.to !== id) return void counters.ignored++
      if (!clients.has(message.client) && clients.size >= MAX_CLIENTS) return void counters.refusedClients++
      clients.add(message.client)
      unsubscribeRegistry ??= subscribeWithFacets(registry, onRegistryEvent)
      const order = registry.list().map((task) => task.name)
      post(envelope({ type: 'snapshot', server: id, name, to: message.client, now: clock.wallNow(), views: viewsOf(order) }))
      counters.snapshots++
      return
    }
    if (message.to !== id) return void counters.ignored++
    if (message.type === 'leave') return dropClient(message.client)
    if (registry.get(message.name) === undefined) return void counters.unknownTask++
    counters.controls++
    if (message.type === 'control') return void applyTaskAction(registry, message.name, message.action)
    const taskName = message.name
    const changed = (): void => {
      if (closed || clients.size === 0) return
      dirty.add(taskName)
      scheduleFlush()
    }
    const command = message.arg === undefined ? { type: 'facet' as const, action: message.action } : { type: 'facet' as const, action: message.action, arg: message.arg }
    // The facet's status moves when the action starts and again when it settles: send both.
    changed()
    applyTaskAction(registry, taskName, command)?.then(changed, () => {
      counters.controlErrors++
      changed()
    })
  }

  const stopListening = listen(port, (data) => {
    if (closed) return
    counters.received++
    const parsed = parseClientMessage(data)
    if (parsed.kind === 'foreign') counters.foreign++
    else if (parsed.kind === 'other-side') counters.ignored++
    else if (parsed.kind === 'malformed') counters.malformed++
    else {
      try {
        handle(parsed.message)
      } catch {
        // A control that throws (a subclass's start(), say) must not surface in the port's event handler.
        counters.controlErrors++
      }
    }
  })

  const close = (): void => {
    if (closed) return
    closed = true
    post(envelope({ type: 'bye', server: id }))
    stopListening()
    clients.clear()
    unsubscribeRegistry?.()
    unsubscribeRegistry = undefined
    cancelFlush()
  }

  // Clients that connected before this side was ready hear it and say hello.
  post(envelope({ type: 'announce', server: id, name }))

  const exposure = close as RegistryExposure
  Object.defineProperties(exposure, {
    close: { value: close },
    id: { value: id },
    closed: { get: () => closed },
    diagnostics: { value: () => ({ ...counters, clients: clients.size }) },
  })
  return exposure
}
