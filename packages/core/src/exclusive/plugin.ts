import { taskPrefix } from '../errors.ts'
import type { LeaseSession } from '../lease.ts'
import { safeWarn } from '../logger.ts'
import type { PluginHost, PluginSession, PluginStatus, TaskPlugin } from '../plugin.ts'
import { LeaseLostError } from './errors.ts'
import { isLease, leaseOf, validateExclusive } from './option.ts'

/**
 * One runner across tabs or a fleet: the plugin behind the `exclusive` task
 * option (`'tabs'` for Web Locks, or a lease such as `redisLease(client)`).
 *
 * At `start()` it opens a session of the task's lease, named after the task.
 * A scheduled run starts only while the session holds the lease; otherwise the
 * slot is skipped and the rhythm kept, so a standby takes over at its next
 * slot. Runs get the holding's fencing token as `ctx.fence`. When a holding is
 * lost, the run in flight is aborted with a {@link LeaseLostError}. The loop's
 * end closes the session, which releases the lease at once.
 */
export function exclusivePlugin(): TaskPlugin {
  // `validate` checks the plugin's own options at createTask(); `idleStatus` is what status() shows while the task is not started.
  const plugin = { name: 'exclusive', validate, attach, idleStatus }
  return plugin
}

function idleStatus(options: Readonly<{ exclusive?: unknown }>): Partial<PluginStatus> | undefined {
  if (options.exclusive === 'tabs') return { runner: { role: 'other' } }
  return isLease(options.exclusive) ? { runner: { role: 'standby' } } : undefined
}

function validate(options: Readonly<{ name: string; exclusive?: unknown; locks?: unknown }>): void {
  validateExclusive(options.name, options.exclusive, options.locks)
}

function attach(host: PluginHost): PluginSession | undefined {
  const lease = leaseOf(host.options.exclusive, (host.options as { locks?: unknown }).locks)
  if (lease === undefined) return undefined
  const session: LeaseSession = lease.open(host.name, {
    changed: () => host.changed(),
    lost: (error) => {
      host.abortRun(asLeaseLost(host.name, lease.engine, error))
      host.changed()
    },
    logger: host.logger,
    clock: host.clock,
  })
  return {
    admit: () => (session.holding ? 'run' : 'skip'),
    get fence() {
      return session.holding ? session.fence : undefined
    },
    status: () => ({ runner: session.status }),
    // Returns the release, for a kernel that lets stop() wait for it (bounded by stop's timeout).
    detach: () =>
      session.close().catch((error: unknown) => safeWarn(host.logger, `${taskPrefix(host.name)}releasing the ${lease.engine} lease failed`, error)),
  }
}

function asLeaseLost(name: string, engine: string, error: Error): LeaseLostError {
  if (error instanceof LeaseLostError || error?.name === 'LeaseLostError') return error as LeaseLostError
  return new LeaseLostError(`${taskPrefix(name)}the ${engine} lease was lost`, { cause: error })
}
