import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { InvalidOptionError, TimeoutError } from '../src/index.ts'
import { installShutdown, shutdown, type ShutdownContext } from '../src/shutdown-entry.ts'
import { detectShutdownHost, type DenoLike } from '../src/platform.ts'
import { deferred, setup } from './helpers.ts'

type ExitSpy = ReturnType<typeof vi.fn<(code?: number) => void>>

/** A process look-alike: a real EventEmitter plus an exit spy. */
function fakeProcess(): EventEmitter & { exit: ExitSpy } {
  return Object.assign(new EventEmitter(), { exit: vi.fn<(code?: number) => void>() })
}

/** A Deno look-alike whose listeners can be fired by name. */
function fakeDeno(unsupported: string[] = []): DenoLike & { fire(signal: string): void; count(): number; exit: ExitSpy } {
  const listeners = new Map<string, Set<() => void>>()
  return {
    addSignalListener(signal, handler) {
      if (unsupported.includes(signal)) throw new TypeError(`Windows only supports ctrl-c (SIGINT) and ctrl-break (SIGBREAK), but got ${signal}`)
      if (!listeners.has(signal)) listeners.set(signal, new Set())
      listeners.get(signal)?.add(handler)
    },
    removeSignalListener(signal, handler) {
      listeners.get(signal)?.delete(handler)
    },
    exit: vi.fn<(code?: number) => void>(),
    fire(signal) {
      for (const handler of [...(listeners.get(signal) ?? [])]) handler()
    },
    count: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  }
}

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup()
})

/** Lets the shutdown sequence finish on the virtual clock. */
async function settle(ms = 0): Promise<void> {
  await env.clock.advance(ms)
  await env.clock.flush()
}

describe('installShutdown() on a Node/Bun process', () => {
  it('on SIGTERM stops tasks from low to critical, then runs the hooks in order, then exits 0', async () => {
    const proc = fakeProcess()
    const steps: string[] = []
    for (const level of ['critical', 'high', 'medium', 'low'] as const) env.make({ name: level, level }).start()
    await settle()
    env.registry.subscribe((event) => {
      if (event.type === 'stateChanged' && event.state === 'stopped') steps.push(`stop ${event.name}`)
    })
    installShutdown(env.registry, {
      host: { kind: 'process', process: proc },
      hooks: [() => void steps.push('hook 0'), async () => void steps.push('hook 1')],
    })
    proc.emit('SIGTERM')
    await settle()
    expect(steps).toEqual(['stop low', 'stop medium', 'stop high', 'stop critical', 'hook 0', 'hook 1'])
    expect(proc.exit).toHaveBeenCalledExactlyOnceWith(0)
    expect(env.clock.armedTimers).toBe(0)
  })

  it('lets the run in flight finish before the hooks run (no run cut off mid-write)', async () => {
    const proc = fakeProcess()
    const steps: string[] = []
    const write = deferred()
    env.make({
      name: 'writer',
      run: async () => {
        steps.push('write start')
        await write.promise
        steps.push('write end')
      },
    }).start()
    await settle()
    installShutdown(env.registry, { host: { kind: 'process', process: proc }, hooks: [() => void steps.push('flush')] })
    proc.emit('SIGTERM')
    await settle(100)
    expect(steps).toEqual(['write start'])
    write.resolve()
    await settle()
    expect(steps).toEqual(['write start', 'write end', 'flush'])
    expect(proc.exit).toHaveBeenCalledWith(0)
  })

  it('runs every hook even when one throws or rejects, and still exits 0', async () => {
    const proc = fakeProcess()
    const ran: number[] = []
    installShutdown(env.registry, {
      host: { kind: 'process', process: proc },
      logger: env.logger,
      hooks: [
        () => {
          ran.push(0)
          throw new Error('disk full')
        },
        async () => {
          ran.push(1)
          throw new Error('network down')
        },
        () => void ran.push(2),
      ],
    })
    proc.emit('SIGINT')
    await settle()
    expect(ran).toEqual([0, 1, 2])
    expect(env.warnings.map((warning) => String(warning[0]))).toEqual([
      '[tickwork] shutdown: hook 0 failed; the next hooks still run',
      '[tickwork] shutdown: hook 1 failed; the next hooks still run',
    ])
    expect(proc.exit).toHaveBeenCalledWith(0)
  })

  it('bounds each hook by the timeout: its signal aborts and the next hook runs', async () => {
    const proc = fakeProcess()
    let seen: ShutdownContext | undefined
    const ran: string[] = []
    installShutdown(env.registry, {
      host: { kind: 'process', process: proc },
      logger: env.logger,
      timeout: 300,
      hooks: [
        (ctx) => {
          seen = ctx
          return new Promise<void>(() => {})
        },
        () => void ran.push('next'),
      ],
    })
    proc.emit('SIGTERM')
    await settle(299)
    expect(ran).toEqual([])
    expect(seen?.reason).toBe('SIGTERM')
    expect(seen?.signal.aborted).toBe(false)
    await settle(1)
    expect(seen?.signal.reason).toBeInstanceOf(TimeoutError)
    expect(ran).toEqual(['next'])
    expect(proc.exit).toHaveBeenCalledWith(0)
  })

  it('ignores a second signal while a shutdown is under way', async () => {
    const proc = fakeProcess()
    const hook = deferred()
    let calls = 0
    installShutdown(env.registry, {
      host: { kind: 'process', process: proc },
      hooks: [
        () => {
          calls++
          return hook.promise
        },
      ],
    })
    proc.emit('SIGTERM')
    await settle()
    proc.emit('SIGINT')
    proc.emit('SIGTERM')
    hook.resolve()
    await settle()
    expect(calls).toBe(1)
    expect(proc.exit).toHaveBeenCalledTimes(1)
  })

  it('listens to the signals given, and the returned function removes every listener', async () => {
    const proc = fakeProcess()
    const uninstall = installShutdown(env.registry, { host: { kind: 'process', process: proc }, signals: ['SIGHUP'] })
    expect(proc.listenerCount('SIGHUP')).toBe(1)
    expect(proc.listenerCount('SIGTERM')).toBe(0)
    uninstall()
    expect(proc.listenerCount('SIGHUP')).toBe(0)
    proc.emit('SIGHUP')
    await settle()
    expect(proc.exit).not.toHaveBeenCalled()
  })

  it('with exit: false stays alive; with a function calls it instead of process.exit', async () => {
    const proc = fakeProcess()
    const exit = vi.fn<(code: number) => void>()
    installShutdown(env.registry, { host: { kind: 'process', process: proc }, exit })
    const stay = fakeProcess()
    installShutdown(env.registry, { host: { kind: 'process', process: stay }, exit: false })
    proc.emit('SIGTERM')
    stay.emit('SIGTERM')
    await settle()
    expect(exit).toHaveBeenCalledWith(0)
    expect(proc.exit).not.toHaveBeenCalled()
    expect(stay.exit).not.toHaveBeenCalled()
    expect(stay.listenerCount('SIGTERM')).toBe(1)
  })

  it('reports an exit function that throws instead of leaving an unhandled rejection', async () => {
    const proc = fakeProcess()
    installShutdown(env.registry, {
      host: { kind: 'process', process: proc },
      logger: env.logger,
      exit: () => {
        throw new Error('exit failed')
      },
    })
    proc.emit('SIGTERM')
    await settle()
    expect(String(env.warnings[0]?.[0])).toBe('[tickwork] shutdown: exit threw')
  })
})

describe('installShutdown() on Deno', () => {
  it('uses Deno.addSignalListener and Deno.exit, and uninstalls', async () => {
    const deno = fakeDeno()
    const flushed = vi.fn()
    const uninstall = installShutdown(env.registry, { host: { kind: 'deno', deno }, hooks: [flushed] })
    expect(deno.count()).toBe(2)
    deno.fire('SIGTERM')
    await settle()
    expect(flushed).toHaveBeenCalledOnce()
    expect(deno.exit).toHaveBeenCalledWith(0)
    uninstall()
    expect(deno.count()).toBe(0)
  })

  it('skips, with a warning, a signal the OS does not support (Deno on Windows)', () => {
    const deno = fakeDeno(['SIGTERM'])
    installShutdown(env.registry, { host: { kind: 'deno', deno }, logger: env.logger })
    expect(deno.count()).toBe(1)
    expect(String(env.warnings[0]?.[0])).toBe('[tickwork] shutdown: cannot listen to SIGTERM here; skipped')
  })
})

describe('installShutdown() in a page', () => {
  it('on pagehide stops the tasks and runs the hooks, and never exits', async () => {
    const page = new EventTarget()
    const task = env.make({ name: 'poll' })
    task.start()
    const flushed = vi.fn()
    const uninstall = installShutdown(env.registry, { host: { kind: 'window', window: page }, hooks: [flushed] })
    page.dispatchEvent(new Event('pagehide'))
    await settle()
    expect(task.state).toBe('stopped')
    expect(flushed).toHaveBeenCalledWith(expect.objectContaining({ reason: 'pagehide' }))
    uninstall()
    page.dispatchEvent(new Event('pagehide'))
    await settle()
    expect(flushed).toHaveBeenCalledOnce()
  })

  it('installs nothing where there is no shutdown event (Web Workers, edge functions)', () => {
    const uninstall = installShutdown(env.registry, { host: { kind: 'none' } })
    expect(() => uninstall()).not.toThrow()
  })
})

describe('shutdown()', () => {
  it('reports whether runs settled and what each hook did', async () => {
    const stuck = env.make({ name: 'stuck', run: () => new Promise<void>(() => {}) })
    stuck.start()
    await settle()
    const pending = shutdown(env.registry, { timeout: 50, reason: 'deploy', logger: env.logger, hooks: [() => {}, () => Promise.reject(new Error('x'))] })
    await settle(50)
    const report = await pending
    expect(report).toMatchObject({ reason: 'deploy', tasksSettled: false, hooks: [{ index: 0, ok: true }, { index: 1, ok: false, timedOut: false }] })
    expect(String(env.warnings[0]?.[0])).toBe('[tickwork] shutdown: some runs were still in flight after 50 ms')
  })
})

describe('detectShutdownHost()', () => {
  it('prefers Deno, then a process, then a page; a worker gets none', () => {
    const deno = fakeDeno()
    const proc = fakeProcess()
    expect(detectShutdownHost({ Deno: deno, process: proc }).kind).toBe('deno')
    expect(detectShutdownHost({ process: proc }).kind).toBe('process')
    expect(detectShutdownHost({ document: {}, addEventListener() {}, removeEventListener() {} }).kind).toBe('window')
    expect(detectShutdownHost({ addEventListener() {}, postMessage() {} }).kind).toBe('none')
    expect(detectShutdownHost().kind).toBe('process')
  })
})

describe('bad input', () => {
  it.each([
    [{ timeout: -1 }, 'timeout must be a non-negative finite number of milliseconds, got `-1` (number)'],
    [{ hooks: ['save'] }, 'hooks must be an array of functions, got `["save"]` (array)'],
    [{ signals: 'SIGTERM' }, 'signals must be an array of signal names like "SIGTERM", got `"SIGTERM"` (string)'],
    [{ exit: 1 }, 'exit must be a boolean or a function, got `1` (number)'],
  ])('rejects %j with an InvalidOptionError quoting it', (options, message) => {
    expect(() => installShutdown(env.registry, options as never)).toThrow(InvalidOptionError)
    expect(() => installShutdown(env.registry, options as never)).toThrow(`[tickwork] shutdown: ${message}`)
  })

  it('rejects a registry that is not a TaskRegistry', () => {
    expect(() => installShutdown({ stopAll() {} } as never)).toThrow('registry must be a TaskRegistry or undefined, got `{}` (object)')
  })
})
