import { toSummary, type FinishedRunRecord } from './finished-run.ts'
import type { RunSummary } from './types.ts'

const NO_SUMMARIES: readonly RunSummary[] = Object.freeze([])
const MANUAL = 1
const SUCCEEDED = 2

/**
 * The last `capacity` runs of a task, kept as columns of numbers and shared
 * strings instead of one summary object per run: at 100,000 tasks × 50 runs,
 * retained summaries filled the old generation and its collections delayed
 * runs by 100–250 ms. Summaries are built when `toArray()` is read, and that
 * array is kept until the next run.
 *
 * Columns grow with use up to the capacity, so an idle task keeps nothing.
 */
export class RunHistory {
  #capacity: number
  /** Index of the oldest entry once the ring is full. */
  #start = 0
  readonly #timestamp: number[] = []
  readonly #duration: number[] = []
  readonly #late: number[] = []
  readonly #index: number[] = []
  readonly #flags: number[] = []
  readonly #message: string[] = []
  readonly #extra: Record<string, string>[] = []
  readonly #error: (RunSummary['error'] | undefined)[] = []
  #snapshot: readonly RunSummary[] | undefined

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  get length(): number {
    return this.#timestamp.length
  }

  /** Appends the run, overwriting the oldest when full. */
  push(run: FinishedRunRecord): void {
    if (this.#capacity === 0) return
    this.#snapshot = undefined
    const full = this.#timestamp.length >= this.#capacity
    const at = full ? this.#start : this.#timestamp.length
    if (full) this.#start = (this.#start + 1) % this.#capacity
    this.#put(at, run)
  }

  /** Oldest first. The same array is returned until the next push, resize or clear. */
  toArray(): readonly RunSummary[] {
    if (this.#snapshot !== undefined) return this.#snapshot
    const count = this.#timestamp.length
    if (count === 0) return NO_SUMMARIES
    const out: RunSummary[] = new Array(count)
    for (let i = 0; i < count; i++) {
      const at = (this.#start + i) % count
      const flags = this.#flags[at] as number
      out[i] = toSummary(
        this.#index[at] as number,
        this.#timestamp[at] as number,
        this.#duration[at] as number,
        this.#late[at] as number,
        (flags & SUCCEEDED) !== 0,
        this.#message[at] as string,
        this.#extra[at] as Record<string, string>,
        (flags & MANUAL) !== 0 ? 'manual' : 'schedule',
        this.#error[at],
      )
    }
    this.#snapshot = Object.freeze(out)
    return this.#snapshot
  }

  /** Keeps the newest `capacity` entries. */
  resize(capacity: number): void {
    const kept = this.toArray().slice(Math.max(0, this.length - capacity))
    this.clear()
    this.#capacity = capacity
    for (const summary of kept) this.#put(this.#timestamp.length, summary)
  }

  clear(): void {
    for (const column of [this.#timestamp, this.#duration, this.#late, this.#index, this.#flags, this.#message, this.#extra, this.#error]) column.length = 0
    this.#start = 0
    this.#snapshot = undefined
  }

  /** Writes one run's fields at `at` (a finished run, or a summary kept across a resize: the same fields). */
  #put(at: number, run: Omit<RunSummary, 'error'> & { readonly error?: RunSummary['error'] | undefined }): void {
    this.#timestamp[at] = run.timestamp
    this.#duration[at] = run.durationMs
    this.#late[at] = run.lateMs
    this.#index[at] = run.runIndex
    this.#flags[at] = (run.trigger === 'manual' ? MANUAL : 0) | (run.success ? SUCCEEDED : 0)
    this.#message[at] = run.message
    this.#extra[at] = run.extra
    this.#error[at] = run.error
  }
}
