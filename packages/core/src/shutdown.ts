import { isTaskRegistry } from './brand.ts'
import { getDefaultRegistry } from './default-registry.ts'
import { describeValue, InvalidOptionError, prefix, TimeoutError } from './errors.ts'
import { consoleLogger, safeWarn, type Logger } from './logger.ts'
import { detectShutdownHost, type DenoLike, type ProcessLike, type ShutdownHost, type WindowLike } from './platform.ts'
import type { KernelRegistry as TaskRegistry } from './registry.ts'
import { timerQueueFor } from './timer-queue.ts'

/** What a flush hook receives. */
export interface ShutdownContext {
  /** What started the shutdown: `'SIGTERM'`, `'SIGINT'`, `'pagehide'`, or the reason given to `shutdown()`. */
  readonly reason: string
  /** Aborts (reason: `TimeoutError`) when the hook runs past `timeout`; the next hook starts then. */
  readonly signal: AbortSignal
}

/** A flush hook: save state, write a checkpoint, send the last metrics. */
export type ShutdownHook = (ctx: ShutdownContext) => void | Promise<void>

/** Options of {@link installShutdown} and {@link shutdown}. */
export interface ShutdownOptions {
  /** Run in order after every task stopped, each awaited. Default: none. */
  hooks?: readonly ShutdownHook[]
  /** Process signals to handle (Node, Bun, Deno). Default `['SIGTERM', 'SIGINT']`. Pages always use `pagehide`. */
  signals?: readonly string[]
  /**
   * Ms allowed for the runs in flight of each level to settle, and for each
   * hook. Default 5000. Worst case: 4 levels plus every hook, each this long.
   */
  timeout?: number
  /**
   * After the hooks: `true` (default) exits the process with code 0 (Node,
   * Bun, Deno; pages never exit); `false` stays; a function is called with 0 instead.
   */
  exit?: boolean | ((code: number) => void)
  /** Where hook errors and timeouts go. Default: `console`. */
  logger?: Logger
  /** The host to wire, instead of the one detected from globals (tests pass look-alikes). */
  host?: ShutdownHost
}

/** What one hook did. */
export interface HookOutcome {
  index: number
  ok: boolean
  timedOut: boolean
  error?: unknown
}

/** What {@link shutdown} resolves to. */
export interface ShutdownReport {
  reason: string
  /** Every run in flight settled within the timeout. */
  tasksSettled: boolean
  hooks: HookOutcome[]
}

/** Uninstalls the handlers {@link installShutdown} added. */
export type UninstallShutdown = () => void

const DEFAULT_SIGNALS = ['SIGTERM', 'SIGINT'] as const
const DEFAULT_TIMEOUT = 5000
const where = prefix('shutdown')

function validate(registry: unknown, options: unknown): void {
  if (registry !== undefined && !isTaskRegistry(registry)) {
    throw new InvalidOptionError(`${where}registry must be a TaskRegistry or undefined, got ${describeValue(registry)}`)
  }
  if (options === null || typeof options !== 'object') throw new InvalidOptionError(`${where}options must be an object, got ${describeValue(options)}`)
  const { hooks, signals, timeout, exit, logger } = options as Record<string, unknown>
  if (hooks !== undefined && (!Array.isArray(hooks) || hooks.some((hook) => typeof hook !== 'function'))) {
    throw new InvalidOptionError(`${where}hooks must be an array of functions, got ${describeValue(hooks)}`)
  }
  if (signals !== undefined && (!Array.isArray(signals) || signals.some((signal) => typeof signal !== 'string' || signal === ''))) {
    throw new InvalidOptionError(`${where}signals must be an array of signal names like "SIGTERM", got ${describeValue(signals)}`)
  }
  if (timeout !== undefined && (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 0)) {
    throw new InvalidOptionError(`${where}timeout must be a non-negative finite number of milliseconds, got ${describeValue(timeout)}`)
  }
  if (exit !== undefined && typeof exit !== 'boolean' && typeof exit !== 'function') {
    throw new InvalidOptionError(`${where}exit must be a boolean or a function, got ${describeValue(exit)}`)
  }
  if (logger !== undefined && (logger === null || typeof (logger as Logger).warn !== 'function')) {
    throw new InvalidOptionError(`${where}logger must have warn(message, ...details), got ${describeValue(logger)}`)
  }
}

/** Runs one hook, bounded by `timeout` on the registry's clock; never rejects. */
function runHook(hook: ShutdownHook, index: number, reason: string, timeout: number, registry: TaskRegistry, logger: Logger): Promise<HookOutcome> {
  const controller = new AbortController()
  const queue = timerQueueFor(registry.clock)
  return new Promise<HookOutcome>((resolve) => {
    let settled = false
    const finish = (outcome: HookOutcome): void => {
      if (settled) return
      settled = true
      queue.cancel(entry)
      resolve(outcome)
    }
    const entry = queue.schedule(registry.clock.now() + timeout, () => {
      const error = new TimeoutError(`${where}hook ${index} did not finish within ${timeout} ms; going on without it`)
      controller.abort(error)
      safeWarn(logger, error.message)
      finish({ index, ok: false, timedOut: true, error })
    })
    const failed = (error: unknown): void => {
      if (!settled) safeWarn(logger, `${where}hook ${index} failed; the next hooks still run`, error)
      finish({ index, ok: false, timedOut: false, error })
    }
    try {
      Promise.resolve(hook({ reason, signal: controller.signal })).then(() => finish({ index, ok: true, timedOut: false }), failed)
    } catch (error) {
      failed(error)
    }
  })
}

/**
 * Shuts down now, without waiting for a signal: stops every task from `low`
 * to `critical` (each level's runs in flight get `timeout` ms to settle),
 * then runs the hooks in order, each awaited and bounded by `timeout`; a hook
 * that throws or times out does not skip the next ones. Never rejects for a
 * failing hook. It does not exit: {@link installShutdown} does that.
 *
 * @example
 * const report = await shutdown(registry, { hooks: [() => saveState()] })
 */
export async function shutdown(registry?: TaskRegistry, options: Omit<ShutdownOptions, 'signals' | 'exit' | 'host'> & { reason?: string } = {}): Promise<ShutdownReport> {
  validate(registry, options)
  const target = registry ?? getDefaultRegistry()
  const timeout = options.timeout ?? DEFAULT_TIMEOUT
  const logger = options.logger ?? consoleLogger
  const reason = options.reason ?? 'shutdown()'
  let tasksSettled = false
  try {
    tasksSettled = await target.stopAll({ timeout })
  } catch (error) {
    safeWarn(logger, `${where}stopping the tasks failed; running the hooks anyway`, error)
  }
  if (!tasksSettled) safeWarn(logger, `${where}some runs were still in flight after ${timeout} ms`)
  const hooks: HookOutcome[] = []
  for (const [index, hook] of (options.hooks ?? []).entries()) hooks.push(await runHook(hook, index, reason, timeout, target, logger))
  return { reason, tasksSettled, hooks }
}

function wire(host: ShutdownHost, signals: readonly string[], onSignal: (reason: string) => void, logger: Logger): UninstallShutdown {
  const removers: (() => void)[] = []
  if (host.kind === 'process') {
    const proc: ProcessLike = host.process
    for (const signal of signals) {
      const listener = (): void => onSignal(signal)
      proc.on(signal, listener)
      removers.push(() => {
        if (typeof proc.off === 'function') proc.off(signal, listener)
        else proc.removeListener?.(signal, listener)
      })
    }
  } else if (host.kind === 'deno') {
    const deno: DenoLike = host.deno
    for (const signal of signals) {
      const listener = (): void => onSignal(signal)
      try {
        deno.addSignalListener(signal, listener)
        removers.push(() => deno.removeSignalListener(signal, listener))
      } catch (error) {
        // Deno on Windows supports only SIGINT and SIGBREAK: skip what this OS lacks.
        safeWarn(logger, `${where}cannot listen to ${signal} here; skipped`, error)
      }
    }
  } else if (host.kind === 'window') {
    const page: WindowLike = host.window
    const listener = (): void => onSignal('pagehide')
    page.addEventListener('pagehide', listener)
    removers.push(() => page.removeEventListener('pagehide', listener))
  }
  return () => {
    for (const remove of removers.splice(0)) remove()
  }
}

function exitFor(host: ShutdownHost, exit: ShutdownOptions['exit']): ((code: number) => void) | undefined {
  if (typeof exit === 'function') return exit
  if (exit === false) return undefined
  if (host.kind === 'process') return (code) => void host.process.exit(code)
  if (host.kind === 'deno') return (code) => void host.deno.exit(code)
  return undefined
}

/**
 * Wires graceful shutdown: on SIGTERM/SIGINT (Node and Bun through
 * `process.on`, Deno through `Deno.addSignalListener`) or `pagehide` (pages),
 * runs {@link shutdown} — tasks stopped from `low` to `critical`, then the
 * hooks in order — and then exits with code 0 (servers). In a Web Worker or
 * an edge function there is nothing to listen to and nothing is installed.
 * A signal arriving while a shutdown is under way is ignored.
 * Returns the function that removes the handlers.
 *
 * @example
 * installShutdown(undefined, { hooks: [async () => writeFile('state.json', JSON.stringify(state))] })
 */
export function installShutdown(registry?: TaskRegistry, options: ShutdownOptions = {}): UninstallShutdown {
  validate(registry, options)
  const host = options.host ?? detectShutdownHost()
  const logger = options.logger ?? consoleLogger
  const exit = exitFor(host, options.exit)
  let running = false
  const onSignal = (reason: string): void => {
    if (running) return
    running = true
    const { hooks, timeout } = options
    shutdown(registry, { reason, logger, ...(hooks === undefined ? {} : { hooks }), ...(timeout === undefined ? {} : { timeout }) })
      .catch((error: unknown) => safeWarn(logger, `${where}failed`, error))
      .finally(() => {
        running = false
        if (exit === undefined) return
        // Handlers go first so an exit hook that re-raises the signal is not caught by us again.
        uninstall()
        try {
          exit(0)
        } catch (error) {
          safeWarn(logger, `${where}exit threw`, error)
        }
      })
  }
  const uninstall = wire(host, options.signals ?? DEFAULT_SIGNALS, onSignal, logger)
  return uninstall
}
