import { systemClock } from './clock.ts'
import { getDefaultRegistry } from './default-registry.ts'
import { describeValue, InvalidOptionError, prefix, TaskStoppedError, TimeoutError } from './errors.ts'
import { consoleLogger, safeWarn } from './logger.ts'
import { errorInfo } from './run-result.ts'
import type { StopOptions } from './task.ts'
import { timerQueueFor } from './timer-queue.ts'
import type { QueueStatus, RunContext, RunResult, TaskOptions } from './types.ts'
import { queueError, queueSettings, type JobContext, type TriggerQueueOptions } from './trigger-queue/options.ts'
import { keyState, Listeners, makeFacet, QueueLog, queueStatus, type Facet } from './trigger-queue/status.ts'
import { onDemand, QueueWorker } from './trigger-queue/worker.ts'
import { DrainWaiters, EarliestWake } from './trigger-queue/timers.ts'
import { jobResult, sessionResult } from './trigger-queue/job-result.ts'
import type { DrainOptions, Job, JobResult, KeyRecord, QueueEvent, Session, TriggerKeyState, TriggerQueue } from './trigger-queue/types.ts'

export type { JobContext, TriggerQueueOptions } from './trigger-queue/options.ts'
export type { DrainOptions, JobResult, QueueEvent, TriggerKeyState, TriggerQueue } from './trigger-queue/types.ts'

/** A session hands over to the next one after this many jobs or ms, so one run never looks stalled. */
const SLICE_JOBS = 100
const SLICE_MS = 60_000

/**
 * Creates a trigger queue: `notify(key)` counts events per key, and a key is
 * queued for one job once its count reaches `sizeThreshold`, or once its last
 * job is older than `staleAfter` and it has `staleMinCount` events (a timer
 * fires this; no further notification is needed). A pending key is never
 * queued twice; a full queue drops, counts and warns once per key. Up to
 * `concurrency` jobs run at once, one per key, each limited to `timeout` ms.
 * The jobs run inside the worker task's runs, so the registry's `stopAll()`
 * stops the queue and awaits them.
 *
 * @example
 * const compile = createTriggerQueue({ name: 'compile', sizeThreshold: 10, staleAfter: 60_000, timeout: 30_000, run: (file, { signal }) => build(file, signal) })
 * editor.on('change', (file) => compile.notify(file))
 * await compile.drain({ timeout: 5000 })
 */
export function createTriggerQueue<K extends string = string>(options: TriggerQueueOptions<K>): TriggerQueue<K> {
  const settings = queueSettings(options as unknown as TriggerQueueOptions<string>)
  const { name, sizeThreshold, staleAfter, staleMinCount, maxSize, timeout, concurrency } = settings
  const who = `trigger queue "${name}"`
  const registry = options.autoRegister === false ? undefined : (options.registry ?? getDefaultRegistry())
  const clock = options.clock ?? options.registry?.clock ?? systemClock
  const logger = options.logger ?? consoleLogger
  const timers = timerQueueFor(clock)
  const listeners = new Listeners<QueueEvent<K>>(logger, who)
  const log = new QueueLog()

  const records = new Map<K, KeyRecord>()
  const pending: K[] = []
  const running = new Map<K, Job>()
  const warnedFull = new Set<K>()
  const drains = new DrainWaiters(timers)
  let accepting = true
  let paused = false
  let session: Session | undefined
  const staleWake = new EarliestWake(timers, () => sweep())
  let lateResults = 0
  let jobIndex = 0

  const idle = (): boolean => pending.length === 0 && running.size === 0
  const queueState = (): QueueStatus['state'] => (!accepting ? 'stopped' : idle() ? 'idle' : 'working')
  const nextRunnable = (): number => (running.size < concurrency ? pending.findIndex((key) => !running.has(key)) : -1)
  const open = (): Session | undefined => (session !== undefined && !session.closed ? session : undefined)
  const admitting = (current: Session): boolean =>
    accepting && !paused && !current.signal.aborted && current.keys.length < SLICE_JOBS && clock.now() - current.startedAt < SLICE_MS

  // Drained once idle and the last session is in the worker's history, so a drain's caller sees it there.
  const drained = (): boolean => idle() && (session === undefined || session.recorded)
  const settleDrains = (): void => {
    if (accepting && !drained()) return
    drains.answer(idle())
  }

  /** Sends an event once the state it names is in place, then answers drains that can be answered. */
  const changed = (event: QueueEvent<K>): void => {
    listeners.emit(event)
    settleDrains()
  }

  const report = (error: unknown, key: K): void => {
    if (options.onError === undefined) {
      safeWarn(logger, `${prefix(who)}job ${JSON.stringify(key)} failed: ${errorInfo(error).message}`, error)
      return
    }
    try {
      options.onError(error, key)
    } catch (thrown) {
      safeWarn(logger, `${prefix(who)}onError threw`, thrown)
    }
  }

  // Staleness: one timer, armed for the earliest key that can go stale; a sweep queues what is due.
  const staleCandidate = (record: KeyRecord): boolean => !record.pending && !record.dropped && record.count >= staleMinCount
  const watch = (record: KeyRecord): void => {
    if (staleAfter !== undefined && accepting && staleCandidate(record)) staleWake.at(record.since + staleAfter)
  }
  const sweep = (): void => {
    if (staleAfter === undefined || !accepting) return
    const now = clock.now()
    let next = Infinity
    for (const [key, record] of records) {
      if (!staleCandidate(record)) continue
      if (now - record.since >= staleAfter) enqueue(key, record)
      else next = Math.min(next, record.since + staleAfter)
    }
    if (next !== Infinity) staleWake.at(next)
  }

  const enqueue = (key: K, record: KeyRecord): boolean => {
    if (pending.length >= maxSize) {
      record.dropped = true
      log.drop(key, clock.wallNow())
      if (!warnedFull.has(key)) {
        warnedFull.add(key)
        safeWarn(logger, `${prefix(who)}queue full (${maxSize} keys): dropped ${JSON.stringify(key)}; its count is kept`)
      }
      changed({ type: 'dropped', key })
      return false
    }
    warnedFull.delete(key)
    record.pending = true
    record.queuedAt = clock.wallNow()
    pending.push(key)
    changed({ type: 'queued', key })
    kick()
    return true
  }

  /** Starts waiting work: in the open session, or in a new one on the worker. */
  const kick = (): void => {
    if (open() !== undefined) pump()
    else if (accepting && !paused && nextRunnable() >= 0) worker.work()
  }

  const pump = (): void => {
    const current = open()
    if (current === undefined) return
    for (let at = nextRunnable(); at >= 0 && admitting(current); at = nextRunnable()) startJob(pending.splice(at, 1)[0] as K, current)
    if (running.size === 0 && (nextRunnable() < 0 || !admitting(current))) closeSession(current)
  }

  const closeSession = (current: Session): void => {
    if (current.closed) return
    current.closed = true
    current.signal.removeEventListener('abort', current.onAbort)
    current.resolve(sessionResult(current.keys, current.failed))
  }

  const startJob = (key: K, current: Session): void => {
    const record = records.get(key) as KeyRecord
    const now = clock.now()
    const job: Job = { key, record, controller: new AbortController(), startedAt: now, startedWall: clock.wallNow(), session: current, timer: undefined, abandoned: false }
    record.pending = false
    record.count = 0
    record.since = now
    record.lastRunAt = job.startedWall
    record.job = job
    running.set(key, job)
    current.keys.push(key)
    if (timeout !== undefined) job.timer = timers.schedule(now + timeout, () => timeOut(job, timeout))
    changed({ type: 'jobStarted', key })
    const ctx: JobContext = { signal: job.controller.signal, name, key, runIndex: jobIndex++, scheduledAt: record.queuedAt, attempt: record.failures + 1, fence: current.fence }
    let result: unknown
    try {
      result = options.run(key, ctx)
    } catch (error) {
      result = Promise.reject(error)
    }
    // Settled on a later microtask even when synchronous: a long queue of sync jobs never grows the stack.
    Promise.resolve(result).then(
      (value) => settle(job, value, undefined, false),
      (error: unknown) => settle(job, undefined, error, true),
    )
  }

  const settle = (job: Job, value: unknown, error: unknown, threw: boolean): void => {
    if (job.abandoned) {
      lateResults++
      return
    }
    const ended = jobResult(value, error, threw, clock.now() - job.startedAt)
    finish(job, ended.result, ended.error)
  }

  const timeOut = (job: Job, ms: number): void => {
    job.timer = undefined
    const error = new TimeoutError(`${prefix(who)}job ${JSON.stringify(job.key)} timed out after ${ms} ms`)
    abandon(job, error, `timed out after ${ms} ms`, ms)
  }

  const abandon = (job: Job, error: Error, message: string, durationMs: number): void => {
    job.abandoned = true
    job.controller.abort(error)
    finish(job, { success: false, durationMs, message, error: errorInfo(error) }, error)
  }

  /** The one place a job ends: its key's state, the log, the report, the event, then the next job. */
  const finish = (job: Job, result: JobResult, error: unknown): void => {
    const { key, record } = job
    if (job.timer !== undefined) timers.cancel(job.timer)
    running.delete(key as K)
    record.job = undefined
    record.lastResult = result
    record.failures = result.success ? 0 : record.failures + 1
    log.result({ key, success: result.success, message: result.message, durationMs: result.durationMs, at: clock.wallNow() })
    if (!result.success) {
      job.session.failed++
      // Jobs ended by stop() are recorded, not reported: a shutdown is not a failure.
      if (accepting) report(error, key as K)
    }
    watch(record)
    changed({ type: 'jobFinished', key: key as K, result })
    // Then the next job starts, or the session closes (a drain resolves once the worker recorded it).
    kick()
  }

  const runSession = (ctx: RunContext): Promise<RunResult> =>
    new Promise<RunResult>((resolve) => {
      if (session !== undefined) closeSession(session)
      const signal = ctx.signal
      // Stop aborts every job and the session ends once they settled; the worker's own
      // `timeout` (task.update) abandons them like the queue's `timeout` does, so the queue goes on.
      const onAbort = (): void => {
        const reason: unknown = signal.reason
        const timedOut = reason instanceof Error && reason.name === 'TimeoutError'
        for (const job of [...running.values()]) {
          if (timedOut) abandon(job, reason, 'timed out with its session (the worker task’s timeout)', clock.now() - job.startedAt)
          else job.controller.abort(reason)
        }
        pump()
      }
      session = { signal, fence: ctx.fence, runIndex: ctx.runIndex, startedAt: clock.now(), keys: [], failed: 0, closed: false, recorded: false, resolve, onAbort }
      signal.addEventListener('abort', onAbort, { once: true })
      pump()
    })

  /** The worker's loop ended (stop, unregister, stopAll): no job starts from now on. */
  const halt = (): void => {
    if (!accepting) return
    accepting = false
    staleWake.cancel()
    const reason = new TaskStoppedError(`${prefix(who)}stopped`)
    for (const job of running.values()) job.controller.abort(reason)
    changed({ type: 'stateChanged', state: 'stopped' })
  }

  /** The worker's loop is live again (Start after a stop): the queue takes work again. */
  const resume = (): void => {
    accepting = true
    for (const record of records.values()) watch(record)
    changed({ type: 'stateChanged', state: queueState() })
    queueMicrotask(kick)
  }

  const description = `on demand (trigger queue, threshold ${sizeThreshold}${staleAfter === undefined ? '' : `, stale after ${staleAfter} ms`}${concurrency > 1 ? `, concurrency ${concurrency}` : ''})`
  const hooks = {
    hasWork: () => accepting && !paused && nextRunnable() >= 0,
    flush: () => {
      if (!accepting) return
      for (const [key, record] of records) if (!record.pending && record.count > 0) enqueue(key, record)
      kick()
    },
    stopped: (settled: boolean) => {
      if (!settled) {
        for (const job of [...running.values()]) abandon(job, new TimeoutError(`${prefix(who)}job ${JSON.stringify(job.key)} still running after stop(); abandoned`), 'abandoned: still running after stop()', clock.now() - job.startedAt)
      }
      settleDrains()
    },
  }

  const facet = makeFacet(
    who,
    ['drain', 'stop', 'notify', 'clearDropped'],
    () => queue.status(),
    {
      drain: (arg) => queue.drain(arg === undefined ? {} : { timeout: Number(arg) }),
      stop: () => queue.stop(),
      notify: (arg) => queue.notify(arg as K),
      clearDropped: () => {
        log.clearDropped()
        warnedFull.clear()
        changed({ type: 'stateChanged', state: queueState() })
      },
    },
    (listener) => listeners.subscribe(() => listener()),
  )

  const taskOptions: TaskOptions & { facet: Facet } = {
    name,
    schedule: onDemand(hooks, description),
    level: options.level ?? 'medium',
    clock,
    logger,
    // The queue's own timers decide what keeps a process alive: a pending job's timeout does, an idle wait does not.
    keepAlive: false,
    historySize: options.historySize ?? 50,
    run: runSession,
    facet,
    // Sessions with failed jobs were reported job by job; anything else is the worker's own failure.
    onError: (error, summary) => {
      if (summary.extra['jobs'] === undefined) safeWarn(logger, `${prefix(`task "${name}"`)}run ${summary.runIndex} failed: ${summary.message}`, error)
    },
  }
  const worker = new QueueWorker(taskOptions, hooks)

  worker.subscribe((event) => {
    if (event.type === 'runFinished') {
      // Runs never overlap: a summary after a session closed is that session's (or its own index says so).
      if (session !== undefined && (session.closed || session.runIndex === event.summary.runIndex)) session.recorded = true
      settleDrains()
      return
    }
    if (event.type !== 'stateChanged') return
    const state = event.state
    if (state === 'stopped' || state === 'completed' || state === 'failed') halt()
    else if (state === 'paused') paused = true
    else if (state === 'scheduled' || state === 'running') {
      const wasPaused = paused
      paused = false
      if (!accepting) resume()
      // Resumed from pause: start what waited, outside the task's own event dispatch.
      else if (wasPaused) queueMicrotask(kick)
    }
  })

  const queue: TriggerQueue<K> = {
    task: worker,
    facet,
    get pendingKeys() {
      return [...pending]
    },
    get accepting() {
      return accepting
    },
    get lateResults() {
      return lateResults
    },
    notify(key: K): boolean {
      if (typeof key !== 'string') queueError(name, `notify() needs a string key, got ${describeValue(key)}`)
      const now = clock.now()
      let record = records.get(key)
      if (record === undefined) {
        record = { count: 0, since: now, lastRunAt: null, lastResult: null, pending: false, queuedAt: 0, job: undefined, dropped: false, failures: 0 }
        records.set(key, record)
      }
      record.count++
      record.dropped = false
      if (record.pending) return true
      if (!accepting) return false
      const stale = staleAfter !== undefined && now - record.since >= staleAfter && record.count >= staleMinCount
      if (record.count >= sizeThreshold || stale) return enqueue(key, record)
      watch(record)
      return false
    },
    state(key: K): TriggerKeyState | undefined {
      const record = records.get(key)
      return record === undefined ? undefined : keyState(record)
    },
    keys: () => [...records.keys()],
    status: () => queueStatus(queueState(), pending.map((key) => [key, records.get(key) as KeyRecord]), running.values(), log, settings),
    subscribe: (listener) => listeners.subscribe(listener),
    drain(drainOptions: DrainOptions = {}): Promise<boolean> {
      const limit = drainOptions?.timeout
      if (limit !== undefined && (typeof limit !== 'number' || Number.isNaN(limit) || limit < 0)) {
        return Promise.reject(new InvalidOptionError(`${prefix(who)}drain() timeout must be a non-negative number of ms, got ${describeValue(limit)}`))
      }
      if (drained() || !accepting) return Promise.resolve(idle())
      return drains.wait(limit)
    },
    stop: (stopOptions?: StopOptions) => worker.stop(stopOptions),
  }
  worker.start()
  registry?.register(worker)
  return queue
}
