import type { FinishedRun, RunContext } from './types.ts'

/** An event the loop asks its task to send (the task builds the public event only when someone listens). */
export interface LoopEvent {
  type: 'runStarted' | 'runFinished' | 'stateChanged'
  runIndex: number
  run: FinishedRun | undefined
}

/** What the loop needs of its task: the public face that emits. */
export interface LoopOwner {
  readonly name: string
  readonly heard: boolean
  emit(event: LoopEvent): void
  emitStateChanged(): void
  /** The work of one run (the task's `execute`). */
  executeRun(ctx: RunContext): unknown
}
