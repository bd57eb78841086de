import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { InvalidOptionError } from '../src/index.ts'
import { BRIDGE_PROTOCOL, BRIDGE_VERSION, bridgeMessage, exposeRegistry, parseClientMessage, parseServerMessage, taskView, type ServerMessage } from '../src/bridge/index.ts'
import { collect, settle, until } from './bridge-helpers.ts'
import { setup } from './helpers.ts'

const channels: MessageChannel[] = []
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close()
    channel.port2.close()
  }
})

/** A registry exposed on port1; the test speaks the client side on port2. */
function exposed(coalesceMs = 50) {
  const env = setup(1_000)
  const channel = new MessageChannel()
  channels.push(channel)
  const received = collect(channel.port2) as ServerMessage[]
  const exposure = exposeRegistry(env.registry, channel.port1, { name: 'worker', coalesceMs })
  const send = (body: object): void => channel.port2.postMessage(bridgeMessage(body))
  const ofType = <T extends ServerMessage['type']>(type: T) => received.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type)
  return { ...env, channel, received, exposure, send, ofType }
}

describe('exposeRegistry()', () => {
  it('announces itself, then answers hello with a snapshot of every task in order', async () => {
    const { make, exposure, send, ofType, received } = exposed()
    make({ name: 'a', level: 'high' })
    make({ name: 'b', interval: 250 })
    await until(() => ofType('announce').length === 1)
    expect(received[0]).toEqual({ protocol: BRIDGE_PROTOCOL, version: BRIDGE_VERSION, type: 'announce', server: exposure.id, name: 'worker' })
    send({ type: 'hello', client: 'c1', to: null })
    await until(() => ofType('snapshot').length === 1)
    const snapshot = ofType('snapshot')[0]!
    expect(snapshot).toMatchObject({ server: exposure.id, name: 'worker', to: 'c1', now: 1_000 })
    expect(snapshot.views.map((view) => view.status.name)).toEqual(['a', 'b'])
    expect(snapshot.views[1]!.config.interval).toBe(250)
    expect(exposure.diagnostics()).toMatchObject({ snapshots: 1, clients: 1, malformed: 0 })
  })

  it('gathers live events into one update per coalescing window, on the registry clock', async () => {
    const { clock, make, registry, send, ofType } = exposed(50)
    const task = make({ name: 'poll', interval: 10 })
    send({ type: 'hello', client: 'c1', to: null })
    await until(() => ofType('snapshot').length === 1)
    task.start()
    await clock.advance(45) // five runs, many events, no update yet
    expect(ofType('update')).toHaveLength(0)
    await clock.advance(5)
    await until(() => ofType('update').length === 1, clock)
    const update = ofType('update')[0]!
    expect(update.views).toHaveLength(1)
    // Five runs (at 0, 10, … 40) happened in the window; the update carries their result.
    expect(update.views[0]!.status).toMatchObject({ name: 'poll', totalRuns: 5, state: 'scheduled' })
    expect(update.views[0]!.history).toHaveLength(5)
    expect(update.order).toBeNull()
    expect(update.now).toBe(1_050)
    make({ name: 'late' })
    registry.unregister('poll')
    await clock.advance(50)
    await until(() => ofType('update').length === 2, clock)
    const structural = ofType('update')[1]!
    expect(structural.order).toEqual(['late'])
    expect(structural.removed).toEqual(['poll'])
    expect(structural.appended).toEqual([])
  })

  it('sends only the runs after the previous update, and the whole history after clearHistory()', async () => {
    const { clock, make, send, ofType } = exposed(50)
    const task = make({ name: 'poll', interval: 10 })
    send({ type: 'hello', client: 'c1', to: null })
    await until(() => ofType('snapshot').length === 1)
    task.start()
    await clock.advance(50)
    await until(() => ofType('update').length === 1, clock)
    expect(ofType('update')[0]!.appended).toEqual([]) // first update: whole history
    await clock.advance(50)
    await until(() => ofType('update').length === 2, clock)
    const second = ofType('update')[1]!
    expect(second.appended).toEqual(['poll'])
    expect(second.views[0]!.history.map((run) => run.runIndex)).toEqual([5, 6, 7, 8, 9])
    task.clearHistory()
    await clock.advance(50)
    await until(() => ofType('update').length === 3, clock)
    const third = ofType('update')[2]!
    expect(third.appended).toEqual([])
    // Run 10 (at 100 ms) came after the second update and was cleared with the rest.
    expect(third.views[0]!.history.map((run) => run.runIndex)).toEqual([11, 12, 13, 14])
  })

  it('coalesces into one microtask when coalesceMs is 0', async () => {
    const { make, send, ofType, clock } = exposed(0)
    send({ type: 'hello', client: 'c1', to: null })
    await until(() => ofType('snapshot').length === 1)
    make({ name: 'x' }).trigger()
    make({ name: 'y' })
    await settle(clock)
    expect(ofType('update')).toHaveLength(1)
    expect(ofType('update')[0]!.order).toEqual(['x', 'y'])
    expect(clock.armedTimers).toBe(0)
  })

  it('applies every task control, and only to its own tasks', async () => {
    const { make, send, exposure, clock } = exposed()
    const task = make({ name: 'job', interval: 100 })
    const control = (action: string, name = 'job', to = exposure.id) => send({ type: 'control', client: 'c1', to, name, action })
    control('start')
    await until(() => task.state === 'scheduled', clock)
    await clock.advance(0)
    expect(task.status().totalRuns).toBe(1)
    control('pause')
    await until(() => task.state === 'paused', clock)
    control('resume')
    await until(() => task.state === 'scheduled', clock)
    control('trigger')
    await until(() => task.status().totalRuns === 2, clock)
    control('clearHistory')
    await until(() => task.history.length === 0, clock)
    control('stop')
    await until(() => task.state === 'stopped', clock)
    control('start', 'missing')
    control('start', 'constructor')
    control('start', 'job', 'someone-else')
    control('unregister')
    control('__proto__')
    await settle(clock)
    expect(task.state).toBe('stopped')
    expect(exposure.diagnostics()).toMatchObject({ controls: 6, unknownTask: 2, ignored: 1, malformed: 2 })
  })

  it('ignores and counts malformed and foreign messages without throwing', async () => {
    const { channel, exposure, make, clock } = exposed()
    make({ name: 'job' })
    const bad: unknown[] = [
      'hello',
      42,
      null,
      [1, 2],
      { type: 'hello' },
      { protocol: BRIDGE_PROTOCOL, version: 2, type: 'hello', client: 'c', to: null },
      { protocol: BRIDGE_PROTOCOL, version: BRIDGE_VERSION, type: 'eval', client: 'c' },
      { protocol: BRIDGE_PROTOCOL, version: BRIDGE_VERSION, type: 'hello', client: '', to: null },
      { protocol: BRIDGE_PROTOCOL, version: BRIDGE_VERSION, type: 'hello', client: 'x'.repeat(201), to: null },
      { protocol: BRIDGE_PROTOCOL, version: BRIDGE_VERSION, type: 'control', client: 'c', to: exposure.id, name: 'job' },
      { protocol: BRIDGE_PROTOCOL, version: BRIDGE_VERSION, type: 'control', client: 'c', to: exposure.id, name: 7, action: 'start' },
      { protocol: BRIDGE_PROTOCOL, version: BRIDGE_VERSION, type: 'leave', client: 'c' },
    ]
    for (const message of bad) channel.port2.postMessage(message)
    await until(() => exposure.diagnostics()['received'] === bad.length, clock)
    expect(exposure.diagnostics()).toMatchObject({ foreign: 5, malformed: 7, controls: 0, clients: 0 })
  })

  it('stops listening to the registry when its last client leaves', async () => {
    const { clock, make, send, exposure, ofType } = exposed()
    const task = make({ name: 'job', interval: 10 })
    send({ type: 'hello', client: 'c1', to: null })
    send({ type: 'hello', client: 'c2', to: exposure.id })
    await until(() => ofType('snapshot').length === 2)
    send({ type: 'leave', client: 'c1', to: exposure.id })
    await until(() => exposure.diagnostics()['clients'] === 1)
    task.start()
    await clock.advance(60)
    await until(() => ofType('update').length >= 1, clock)
    send({ type: 'leave', client: 'c2', to: exposure.id })
    await until(() => exposure.diagnostics()['clients'] === 0, clock)
    const updates = ofType('update').length
    await clock.advance(500)
    await settle(clock)
    expect(ofType('update')).toHaveLength(updates)
    // Only the task's own timer is left: the bridge holds none.
    expect(clock.armedTimers).toBe(1)
  })

  it('counts a control that throws instead of letting it out', async () => {
    const { registry, send, exposure } = exposed()
    const task = registry.get('x') ?? setup().make({ name: 'x', autoRegister: false })
    Object.defineProperty(task, 'trigger', { value: () => { throw new Error('subclass broke trigger') } })
    registry.register(task)
    send({ type: 'control', client: 'c1', to: exposure.id, name: 'x', action: 'trigger' })
    await until(() => exposure.diagnostics()['controlErrors'] === 1)
    expect(exposure.diagnostics()).toMatchObject({ controls: 1, malformed: 0 })
  })

  it('serves at most MAX_CLIENTS clients, counting the ones it refuses', async () => {
    const { send, exposure, ofType } = exposed()
    for (let client = 0; client < 66; client++) send({ type: 'hello', client: `c${client}`, to: null })
    send({ type: 'hello', client: 'c0', to: null }) // a known client may say hello again
    await until(() => exposure.diagnostics()['received'] === 67)
    expect(exposure.diagnostics()).toMatchObject({ clients: 64, refusedClients: 2, snapshots: 65 })
    await until(() => ofType('snapshot').length === 65)
  })

  it('says bye on close, then hears nothing; closing twice is harmless', async () => {
    const { exposure, send, ofType, clock, make } = exposed()
    const task = make({ name: 'job' })
    send({ type: 'hello', client: 'c1', to: null })
    await until(() => ofType('snapshot').length === 1)
    exposure()
    exposure.close()
    expect(exposure.closed).toBe(true)
    await until(() => ofType('bye').length === 1)
    const received = exposure.diagnostics()['received']
    send({ type: 'control', client: 'c1', to: exposure.id, name: 'job', action: 'start' })
    task.trigger()
    await clock.advance(100)
    await settle(clock)
    expect(exposure.diagnostics()['received']).toBe(received)
    expect(task.state).toBe('idle')
    expect(ofType('bye')).toHaveLength(1)
    expect(ofType('update')).toHaveLength(0)
  })

  it('rejects bad arguments with named errors quoting what it got', () => {
    const { registry } = setup()
    const { port1, port2 } = new MessageChannel()
    try {
      expect(() => exposeRegistry({} as never, port1)).toThrow(InvalidOptionError)
      expect(() => exposeRegistry(registry, { postMessage: 1 } as never)).toThrow(/port must be a MessagePort.*\{"postMessage":1\}/)
      expect(() => exposeRegistry(registry, port1, { name: '' })).toThrow(/name must be a non-empty string.*`""` \(string\)/)
      expect(() => exposeRegistry(registry, port1, { coalesceMs: -1 })).toThrow(/coalesceMs must be .*`-1` \(number\)/)
      expect(() => exposeRegistry(registry, port1, null as never)).toThrow(/options must be an object/)
    } finally {
      port1.close()
      port2.close()
    }
  })
})

describe('parseClientMessage() / parseServerMessage()', () => {
  it('never throw, whatever they are given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(['foreign', 'malformed', 'ok', 'other-side']).toContain(parseClientMessage(value).kind)
        expect(['foreign', 'malformed', 'ok', 'other-side']).toContain(parseServerMessage(value).kind)
      }),
      { numRuns: 500 },
    )
    const claimed = fc.record({ protocol: fc.constant(BRIDGE_PROTOCOL), version: fc.constant(BRIDGE_VERSION), type: fc.constantFrom('hello', 'control', 'leave', 'snapshot', 'update', 'bye', 'announce') }, { requiredKeys: [] })
    fc.assert(
      fc.property(claimed, fc.dictionary(fc.string(), fc.anything()), (head, rest) => {
        parseClientMessage({ ...rest, ...head })
        parseServerMessage({ ...rest, ...head })
      }),
      { numRuns: 500 },
    )
  })

  it('round-trips a real task view and names the first bad field', async () => {
    const { make, registry, clock } = setup()
    const task = make({ name: 'job', interval: 100, run: () => ({ message: 'ok', extra: { n: 1 } }) })
    task.start()
    await clock.advance(250)
    const failing = make({ name: 'bad', run: () => { throw new Error('boom') } })
    failing.trigger()
    const views = [taskView(registry, 'job')!, taskView(registry, 'bad')!]
    const wire = JSON.parse(JSON.stringify(views))
    const message = { protocol: BRIDGE_PROTOCOL, version: BRIDGE_VERSION, type: 'update', server: 's', now: 5, views: wire, appended: [], removed: [], order: null }
    const parsed = parseServerMessage(message)
    expect(parsed).toEqual({ kind: 'ok', message: { ...message, views: JSON.parse(JSON.stringify(views)) } })

    const mutate = (edit: (view: Record<string, any>) => void): string => {
      const copy = JSON.parse(JSON.stringify(message))
      edit(copy.views[0])
      const result = parseServerMessage(copy)
      return result.kind === 'malformed' ? result.reason : `accepted (${result.kind})`
    }
    expect(mutate((v) => (v.status.state = 'exploded'))).toMatch(/views\[0\]\.status\.state must be one of/)
    expect(mutate((v) => (v.status.totalRuns = -1))).toMatch(/status\.totalRuns must be a finite integer ≥ 0, got `-1`/)
    expect(mutate((v) => (v.status.successRate = 2))).toMatch(/status\.successRate/)
    expect(mutate((v) => (v.history[0].extra = { n: 1 }))).toMatch(/history\[0\]\.extra\.n must be a string/)
    expect(mutate((v) => (v.history[0].trigger = 'cron'))).toMatch(/history\[0\]\.trigger/)
    expect(mutate((v) => (v.config.keepAlive = 'yes'))).toMatch(/config\.keepAlive must be a boolean/)
    expect(mutate((v) => (v.runner = 'everyone'))).toMatch(/views\[0\]\.runner must be one of this, other, local-only/)
    expect(mutate((v) => (v.history = {}))).toMatch(/history must be an array/)
    expect(mutate((v) => (v.status.lastSummary.error = { name: 1 }))).toMatch(/lastSummary\.error\.name must be a string/)
    // Primitive fields a newer peer adds pass through; objects do not.
    const extended = JSON.parse(JSON.stringify(message))
    extended.views[0].status.shedRuns = 3
    extended.views[0].status.nested = { a: 1 }
    const result = parseServerMessage(extended)
    expect(result.kind).toBe('ok')
    if (result.kind === 'ok' && result.message.type === 'update') {
      expect(result.message.views[0]!.status).toHaveProperty('shedRuns', 3)
      expect(result.message.views[0]!.status).not.toHaveProperty('nested')
    }
  })
})
