import { TickworkError } from '../errors.ts'

/**
 * The reason a run's `ctx.signal` is aborted with when its task's `exclusive`
 * lease was lost mid-run (the holder could not renew it before it expired, or
 * another holder has it now). The task keeps its rhythm and runs again once it
 * holds the lease again; the run's own writes can use `ctx.fence` to reject a
 * stale holder.
 */
export class LeaseLostError extends TickworkError {
  override name = 'LeaseLostError'
}
