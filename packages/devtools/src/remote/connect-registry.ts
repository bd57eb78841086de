import { consoleLogger, InvalidOptionError, systemClock, type Clock, type Logger } from '@tickwork/core'
import { bridgeMessage, describeValue, isBridgePort, parseServerMessage, TASK_ACTIONS, type BridgePort, type ClientMessage, type RegistrySource, type ServerMessage, type SourceChange, type TaskAction, type TaskView } from '@tickwork/core/bridge'
import { isFacetCommand, type SourceAction } from '../facet/facet-types.ts'

/** Options of {@link connectRegistry}. */
export interface ConnectOptions {
  /** Shown in the panel's source switcher. Default: the name the registry was exposed with. */
  label?: string
  /** Only connect to the exposure with this `name` (several may share a BroadcastChannel). Default: the first that answers. */
  server?: string
  /** Local clock, used to follow the remote clock in `now()`. Default: the system clock. */
  clock?: Clock
  /** Where throwing subscribers are reported. Default: `console`. */
  logger?: Logger
}

/** A remote registry as a {@link RegistrySource}, plus its connection. */
export interface RemoteRegistrySource extends RegistrySource {
  /** True from the first snapshot until either side closes. */
  readonly connected: boolean
  /** Epoch ms "now" of the remote clock, estimated from its last message. */
  now(): number
  /** Resolves at the first snapshot. Never rejects: a registry that is never exposed leaves it pending. */
  readonly ready: Promise<void>
  /**
   * Counters: `received`, `malformed` and `foreign` messages ignored,
   * `ignored` (meant for other peers), `snapshots`, `updates`,
   * `controlsSent`, `connected` (0 or 1), `tasks`.
   */
  diagnostics(): Record<string, number>
  /** Says goodbye to the registry (it stops sending) and removes this side's listeners. The port stays open: it is yours. */
  close(): void
}

const PREFIX = '[tickwork] connectRegistry(): '

function validate(port: unknown, options: unknown): asserts options is ConnectOptions {
  if (!isBridgePort(port)) throw new InvalidOptionError(`${PREFIX}port must be a MessagePort, Worker, worker scope or BroadcastChannel, got ${describeValue(port)}`)
  if (options === null || typeof options !== 'object') throw new InvalidOptionError(`${PREFIX}options must be an object, got ${describeValue(options)}`)
  for (const key of ['label', 'server'] as const) {
    const value = (options as Record<string, unknown>)[key]
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
      throw new InvalidOptionError(`${PREFIX}${key} must be a non-empty string, got ${describeValue(value)}`)
    }
  }
}

/**
 * An update carries only the runs after the previous update: put the runs
 * this side already has in front (a client that joined in between may hold
 * some of the new ones already), and keep the remote history size.
 */
function withEarlierRuns(view: TaskView, previous: TaskView | undefined): TaskView {
  if (previous === undefined) return view
  const last = previous.history.at(-1)?.runIndex ?? -1
  const merged = [...previous.history, ...view.history.filter((summary) => summary.runIndex > last)]
  return { ...view, history: merged.slice(Math.max(0, merged.length - view.config.historySize)) }
}

function randomId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

/**
 * Connects to a registry exposed with `exposeRegistry()` on the other end of
 * `port` (a `Worker`, a `MessagePort`, a `BroadcastChannel`) and mirrors it:
 * a snapshot first, then live updates. Controls are sent to the remote
 * registry. Malformed messages are ignored and counted in `diagnostics()`.
 *
 * @example
 * const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })
 * const remote = connectRegistry(worker, { label: 'worker "sync"' })
 * <TickworkDevtools sources={[localSource(getDefaultRegistry()), remote]} />
 */
export function connectRegistry(port: BridgePort, options: ConnectOptions = {}): RemoteRegistrySource {
  validate(port, options)
  const clock = options.clock ?? systemClock
  const logger = options.logger ?? consoleLogger
  const client = randomId()
  const listeners = new Set<(change: SourceChange) => void>()
  const counters = { received: 0, malformed: 0, foreign: 0, ignored: 0, snapshots: 0, updates: 0, controlsSent: 0 }
  let views = new Map<string, TaskView>()
  let order: string[] = []
  let server: string | undefined
  let serverName: string | undefined
  let offset = 0
  let closed = false
  let resolveReady!: () => void
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve
  })

  const post = (message: ClientMessage): void => {
    try {
      port.postMessage(message)
    } catch {
      // A closed port: the remote side is gone and there is nobody to tell.
    }
  }

  const notify = (change: SourceChange): void => {
    for (const listener of [...listeners]) {
      try {
        listener(change)
      } catch (error) {
        logger.warn(`${PREFIX}a subscriber threw`, error)
      }
    }
  }

  const disconnect = (): void => {
    const names = order
    closed = true
    server = undefined
    views = new Map()
    order = []
    port.removeEventListener('message', onMessage)
    port.removeEventListener('messageerror', onMessageError)
    notify({ names, structure: true })
  }

  const wanted = (name: string): boolean => options.server === undefined || options.server === name

  const handle = (message: ServerMessage): void => {
    if (message.type === 'announce') {
      if (server === undefined && wanted(message.name)) post(bridgeMessage({ type: 'hello', client, to: message.server }))
      else counters.ignored++
      return
    }
    if (message.type === 'snapshot') {
      if (message.to !== client) return void counters.ignored++
      if ((server !== undefined && message.server !== server) || !wanted(message.name)) {
        // A second exposure on a shared channel answered too: tell it to stop sending.
        post(bridgeMessage({ type: 'leave', client, to: message.server }))
        return void counters.ignored++
      }
      server = message.server
      serverName = message.name
      offset = message.now - clock.now()
      views = new Map(message.views.map((view) => [view.status.name, view]))
      order = message.views.map((view) => view.status.name)
      counters.snapshots++
      notify({ names: order, structure: true })
      resolveReady()
      return
    }
    if (message.server !== server) return void counters.ignored++
    if (message.type === 'bye') return disconnect()
    offset = message.now - clock.now()
    const appended = new Set(message.appended)
    for (const view of message.views) views.set(view.status.name, appended.has(view.status.name) ? withEarlierRuns(view, views.get(view.status.name)) : view)
    for (const name of message.removed) views.delete(name)
    if (message.order !== null) order = message.order.filter((name) => views.has(name))
    else if (message.removed.length > 0) order = order.filter((name) => views.has(name))
    counters.updates++
    notify({ names: [...message.views.map((view) => view.status.name), ...message.removed], structure: message.order !== null || message.removed.length > 0 })
  }

  function onMessage(event: MessageEvent): void {
    counters.received++
    const parsed = parseServerMessage(event.data)
    if (parsed.kind === 'ok') return handle(parsed.message)
    if (parsed.kind === 'other-side') return void counters.ignored++
    if (parsed.kind === 'foreign') counters.foreign++
    else counters.malformed++
    // Nothing to re-read, but a panel shows the counters: let it look again.
    notify({ names: [], structure: false })
  }

  function onMessageError(): void {
    counters.received++
    counters.malformed++
    notify({ names: [], structure: false })
  }

  port.addEventListener('message', onMessage)
  port.addEventListener('messageerror', onMessageError)
  port.start?.()
  post(bridgeMessage({ type: 'hello', client, to: null }))

  return {
    get label() {
      return options.label ?? serverName ?? 'remote registry'
    },
    get connected() {
      return server !== undefined
    },
    ready,
    controllable: true,
    names: () => order,
    view: (name) => views.get(name),
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    control(name: string, action: SourceAction) {
      const facet = isFacetCommand(action)
      if (!facet && !TASK_ACTIONS.includes(action as never)) {
        throw new InvalidOptionError(`${PREFIX}action must be one of ${TASK_ACTIONS.join(', ')} or a facet command, got ${describeValue(action)}`)
      }
      if (server === undefined || !views.has(name)) return
      counters.controlsSent++
      if (!facet) return post(bridgeMessage({ type: 'control', client, to: server, name, action: action as (typeof TASK_ACTIONS)[number] }))
      const { action: facetAction, arg } = action
      post(bridgeMessage(arg === undefined ? { type: 'facet', client, to: server, name, action: facetAction } : { type: 'facet', client, to: server, name, action: facetAction, arg }))
    },
    now: () => clock.now() + offset,
    diagnostics: () => ({ ...counters, connected: server === undefined ? 0 : 1, tasks: order.length }),
    close() {
      if (closed) return
      if (server !== undefined) post(bridgeMessage({ type: 'leave', client, to: server }))
      disconnect()
    },
  }
}
