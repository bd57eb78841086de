import { FACET_ACTIONS, TASK_ACTIONS, type TaskAction, type TaskView } from '../registry-source.ts'
import type { FacetAction } from '../types.ts'
import { array, MalformedMessageError, nonEmptyString, number, oneOf, string } from './read.ts'
import { readTaskView } from './read-view.ts'

/** The protocol name every bridge message carries. */
export const BRIDGE_PROTOCOL = 'tickwork-bridge'
/** The protocol version; a peer speaking another one is ignored and counted. */
export const BRIDGE_VERSION = 1

interface Envelope {
  protocol: typeof BRIDGE_PROTOCOL
  version: typeof BRIDGE_VERSION
}

/** Messages an exposed registry (the server) sends. */
export type ServerMessage = Envelope &
  (
    | { type: 'announce'; server: string; name: string }
    | { type: 'snapshot'; server: string; name: string; to: string; now: number; views: TaskView[] }
    | {
        type: 'update'
        server: string
        now: number
        views: TaskView[]
        /** Tasks whose `history` here holds only the runs after the previous update (append them). */
        appended: string[]
        removed: string[]
        order: string[] | null
      }
    | { type: 'bye'; server: string }
  )

/** Messages a connected client sends. */
export type ClientMessage = Envelope &
  (
    | { type: 'hello'; client: string; to: string | null }
    | { type: 'control'; client: string; to: string; name: string; action: TaskAction }
    /** A facet command (`task.facet.act(action, arg)`); added in a compatible way: a server without facets drops it as malformed. */
    | { type: 'facet'; client: string; to: string; name: string; action: FacetAction; arg?: string }
    | { type: 'leave'; client: string; to: string }
  )

/** What reading an incoming message gave. */
export type Parsed<T> =
  | { kind: 'ok'; message: T }
  /** Not a bridge message at all (the app's own traffic on a shared port). */
  | { kind: 'foreign' }
  /** A bridge message meant for the other side (clients on a BroadcastChannel hear each other). */
  | { kind: 'other-side' }
  /** Claims to be a bridge message but breaks the protocol; `reason` names the first bad field. */
  | { kind: 'malformed'; reason: string }

const SERVER_TYPES = ['announce', 'snapshot', 'update', 'bye'] as const
const CLIENT_TYPES = ['hello', 'control', 'facet', 'leave'] as const
const ID_MAX = 200
/** Longest facet argument (a queue key) a client may send. */
const ARG_MAX = 1000

/** Wraps a message body in the protocol envelope. */
export function envelope<T extends object>(body: T): Envelope & T {
  return { protocol: BRIDGE_PROTOCOL, version: BRIDGE_VERSION, ...body }
}

function readEnvelope(data: unknown): Record<string, unknown> | 'foreign' {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'foreign'
  const source = data as Record<string, unknown>
  if (source['protocol'] !== BRIDGE_PROTOCOL) return 'foreign'
  if (source['version'] !== BRIDGE_VERSION) throw new MalformedMessageError(`version must be ${BRIDGE_VERSION}, got ${String(source['version'])}`)
  return source
}

function parse<T>(data: unknown, own: readonly string[], other: readonly string[], read: (source: Record<string, unknown>, type: string) => T): Parsed<T> {
  try {
    const source = readEnvelope(data)
    if (source === 'foreign') return { kind: 'foreign' }
    const type = oneOf(source['type'], [...own, ...other], 'type')
    if (other.includes(type)) return { kind: 'other-side' }
    return { kind: 'ok', message: read(source, type) }
  } catch (error) {
    return { kind: 'malformed', reason: error instanceof Error ? error.message : String(error) }
  }
}

function id(value: unknown, path: string): string {
  return nonEmptyString(value, path, ID_MAX)
}

function views(value: unknown): TaskView[] {
  return array(value, 'views').map((view, index) => readTaskView(view, `views[${index}]`))
}

function names(value: unknown, path: string): string[] {
  return array(value, path).map((name, index) => nonEmptyString(name, `${path}[${index}]`))
}

/** Reads a message a client received. Never throws. */
export function parseServerMessage(data: unknown): Parsed<ServerMessage> {
  return parse(data, SERVER_TYPES, CLIENT_TYPES, (source, type): ServerMessage => {
    const server = id(source['server'], 'server')
    switch (type) {
      case 'announce':
        return envelope({ type, server, name: nonEmptyString(source['name'], 'name', ID_MAX) })
      case 'snapshot':
        return envelope({
          type,
          server,
          name: nonEmptyString(source['name'], 'name', ID_MAX),
          to: id(source['to'], 'to'),
          now: number(source['now'], 'now'),
          views: views(source['views']),
        })
      case 'update':
        return envelope({
          type,
          server,
          now: number(source['now'], 'now'),
          views: views(source['views']),
          appended: names(source['appended'], 'appended'),
          removed: names(source['removed'], 'removed'),
          order: source['order'] === null ? null : names(source['order'], 'order'),
        })
      default:
        return envelope({ type: 'bye', server })
    }
  })
}

/** Reads a message an exposed registry received. Never throws. */
export function parseClientMessage(data: unknown): Parsed<ClientMessage> {
  return parse(data, CLIENT_TYPES, SERVER_TYPES, (source, type): ClientMessage => {
    const client = id(source['client'], 'client')
    switch (type) {
      case 'hello':
        return envelope({ type, client, to: source['to'] === null ? null : id(source['to'], 'to') })
      case 'control':
        return envelope({
          type,
          client,
          to: id(source['to'], 'to'),
          name: nonEmptyString(source['name'], 'name'),
          action: oneOf(source['action'], TASK_ACTIONS, 'action'),
        })
      case 'facet': {
        const to = id(source['to'], 'to')
        const name = nonEmptyString(source['name'], 'name')
        const action = oneOf(source['action'], FACET_ACTIONS, 'action')
        if (source['arg'] === undefined) return envelope({ type, client, to, name, action })
        return envelope({ type, client, to, name, action, arg: string(source['arg'], 'arg', ARG_MAX) })
      }
      default:
        return envelope({ type: 'leave', client, to: id(source['to'], 'to') })
    }
  })
}
