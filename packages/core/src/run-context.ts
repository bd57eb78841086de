import type { RunContext } from './types.ts'

/** What a run context reads its lazily made signal from (the task's record of the run). */
export interface SignalSource {
  controller: AbortController | undefined
  /** Set once the run was told to stop; a signal made later starts aborted with it. */
  abortReason: Error | undefined
}

/**
 * The `ctx` a run receives. A class, not an object literal: V8 builds a
 * literal with a getter on its slow path (a dictionary-mode object, once per
 * run), which cost more than the rest of a run's bookkeeping together. The
 * getter makes the `AbortController` on first use: most runs never look.
 */
export class TaskRunContext implements RunContext {
  readonly name: string
  readonly runIndex: number
  readonly scheduledAt: number
  readonly attempt: number
  readonly #source: SignalSource

  constructor(source: SignalSource, name: string, runIndex: number, scheduledAt: number, attempt: number) {
    this.#source = source
    this.name = name
    this.runIndex = runIndex
    this.scheduledAt = scheduledAt
    this.attempt = attempt
  }

  get signal(): AbortSignal {
    const source = this.#source
    if (source.controller === undefined) {
      source.controller = new AbortController()
      if (source.abortReason !== undefined) source.controller.abort(source.abortReason)
    }
    return source.controller.signal
  }
}
