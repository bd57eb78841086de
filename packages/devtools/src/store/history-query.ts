import type { RunSummary } from '@tickwork/core'

/** Which runs the history shows. */
export type HistoryFilter = 'all' | 'failures' | 'manual'

/** Every {@link HistoryFilter}, in the order of its buttons. */
export const HISTORY_FILTERS: readonly HistoryFilter[] = ['all', 'failures', 'manual']

/** Runs per history page. */
export const HISTORY_PAGE_SIZE = 20

/** True when a run passes the filter. */
export function passesHistory(run: RunSummary, filter: HistoryFilter): boolean {
  return filter === 'all' || (filter === 'failures' ? !run.success : run.trigger === 'manual')
}

/** One page of a history, newest first. */
export interface HistoryPage {
  rows: RunSummary[]
  /** Page shown, from 0 (clamped to the pages there are). */
  page: number
  pages: number
  /** Runs that pass the filter, on every page. */
  matching: number
}

/** The runs of page `page` among those passing `filter`, newest first (`history` is oldest first, as tasks keep it). */
export function historyPage(history: readonly RunSummary[], filter: HistoryFilter, page: number, size = HISTORY_PAGE_SIZE): HistoryPage {
  const matching: RunSummary[] = []
  for (let index = history.length - 1; index >= 0; index--) {
    const run = history[index]
    if (run !== undefined && passesHistory(run, filter)) matching.push(run)
  }
  const pages = Math.max(1, Math.ceil(matching.length / size))
  const shown = Math.min(Math.max(0, page), pages - 1)
  return { rows: matching.slice(shown * size, shown * size + size), page: shown, pages, matching: matching.length }
}

/** The page (under `filter`) holding run `runIndex`, or -1 when it is not kept or does not pass. */
export function pageOfRun(history: readonly RunSummary[], filter: HistoryFilter, runIndex: number, size = HISTORY_PAGE_SIZE): number {
  let position = 0
  for (let index = history.length - 1; index >= 0; index--) {
    const run = history[index]
    if (run === undefined || !passesHistory(run, filter)) continue
    if (run.runIndex === runIndex) return Math.floor(position / size)
    position++
  }
  return -1
}
