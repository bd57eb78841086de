import { toSummary, type FinishedRunRecord } from './finished-run.ts'
import type { RunSummary } from './types.ts'

const NO_SUMMARIES: readonly RunSummary[] = Object.freeze([])
const EMPTY_EXTRA: Record<string, string> = Object.freeze({}) as Record<string, string>
/** Numbers kept per run: timestamp, duration, lateness, and the run index × 4 + its flags. */
const SLOTS = 4
const MANUAL = 1
const SUCCEEDED = 2
/** Entries the first buffer holds; it doubles up to the capacity. */
const FIRST_SIZE = 8

type ErrorInfo = NonNullable<RunSummary['error']>
type Entry = Omit<RunSummary, 'error'> & { readonly error?: ErrorInfo | undefined }

/**
 * The last `capacity` runs of a task, kept as numbers in one `Float64Array`
 * instead of one summary object per run: at 100,000 tasks × 50 runs,
 * retained summaries (or arrays of boxed numbers) filled the old generation,
 * and its collections delayed runs by 100–250 ms. A typed array's numbers
 * live outside the JS heap, so the collector never walks them. Messages,
 * extras and errors, which most runs do not have, get a column only once a
 * run has one.
 *
 * Summaries are built when `toArray()` is read, and that array is kept until
 * the next run. The buffer starts small and doubles up to the capacity, so a
 * task that ran a few times keeps little.
 */
export class RunHistory {
  #capacity: number
  #numbers: Float64Array
  #length = 0
  /** Index of the oldest entry once the ring is full. */
  #start = 0
  #messages: string[] | undefined
  #extras: Record<string, string>[] | undefined
  #errors: (ErrorInfo | undefined)[] | undefined
  #snapshot: readonly RunSummary[] | undefined

  constructor(capacity: number) {
    this.#capacity = capacity
    this.#numbers = new Float64Array(Math.min(capacity, FIRST_SIZE) * SLOTS)
  }

  get length(): number {
    return this.#length
  }

  /** Appends the run, overwriting the oldest when full. */
  push(run: FinishedRunRecord): void {
    if (this.#capacity === 0) return
    this.#snapshot = undefined
    if (this.#length < this.#capacity) {
      if (this.#length * SLOTS === this.#numbers.length) this.#grow()
      this.#put(this.#length++, run)
      return
    }
    const at = this.#start
    this.#start = (this.#start + 1) % this.#capacity
    this.#put(at, run)
  }

  /** Oldest first. The same array is returned until the next push, resize or clear. */
  toArray(): readonly RunSummary[] {
    if (this.#snapshot !== undefined) return this.#snapshot
    const count = this.#length
    if (count === 0) return NO_SUMMARIES
    const numbers = this.#numbers
    const out: RunSummary[] = new Array(count)
    for (let i = 0; i < count; i++) {
      const at = (this.#start + i) % count
      const base = at * SLOTS
      const indexAndFlags = numbers[base + 3] as number
      const flags = indexAndFlags % SLOTS
      out[i] = toSummary(
        (indexAndFlags - flags) / SLOTS,
        numbers[base] as number,
        numbers[base + 1] as number,
        numbers[base + 2] as number,
        (flags & SUCCEEDED) !== 0,
        this.#messages?.[at] ?? '',
        this.#extras?.[at] ?? EMPTY_EXTRA,
        (flags & MANUAL) !== 0 ? 'manual' : 'schedule',
        this.#errors?.[at],
      )
    }
    this.#snapshot = Object.freeze(out)
    return this.#snapshot
  }

  /** Keeps the newest `capacity` entries. */
  resize(capacity: number): void {
    const kept = this.toArray().slice(Math.max(0, this.#length - capacity))
    this.#capacity = capacity
    this.clear()
    for (const summary of kept) this.push(summary as unknown as FinishedRunRecord)
  }

  clear(): void {
    this.#numbers = new Float64Array(Math.min(this.#capacity, FIRST_SIZE) * SLOTS)
    this.#length = 0
    this.#start = 0
    this.#messages = undefined
    this.#extras = undefined
    this.#errors = undefined
    this.#snapshot = undefined
  }

  /** Doubles the buffer (only while the ring is not full, so entries are in order from 0). */
  #grow(): void {
    const bigger = new Float64Array(Math.min(this.#capacity, Math.max(FIRST_SIZE, 2 * this.#length)) * SLOTS)
    bigger.set(this.#numbers)
    this.#numbers = bigger
  }

  /** Writes one run's fields at `at` (a finished run, or a summary kept across a resize: the same fields). */
  #put(at: number, run: Entry): void {
    const base = at * SLOTS
    const numbers = this.#numbers
    numbers[base] = run.timestamp
    numbers[base + 1] = run.durationMs
    numbers[base + 2] = run.lateMs
    numbers[base + 3] = run.runIndex * SLOTS + ((run.trigger === 'manual' ? MANUAL : 0) | (run.success ? SUCCEEDED : 0))
    // Most runs have no message, extra or error: their column is made by the first run that has one.
    if (run.message !== '' || this.#messages !== undefined) (this.#messages ??= [])[at] = run.message
    if (this.#extras !== undefined || !isEmpty(run.extra)) (this.#extras ??= [])[at] = run.extra
    if (run.error !== undefined || this.#errors !== undefined) (this.#errors ??= [])[at] = run.error
  }
}

function isEmpty(record: Record<string, string>): boolean {
  for (const _ in record) return false
  return true
}
