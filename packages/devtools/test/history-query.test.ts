import type { RunSummary } from '@tickwork/core'
import { describe, expect, it } from 'vitest'
import { historyPage, pageOfRun } from '../src/store/history-query.ts'

const run = (runIndex: number, success = true, trigger: RunSummary['trigger'] = 'schedule'): RunSummary => ({ runIndex, success, trigger, timestamp: runIndex, durationMs: 1, message: '', extra: {}, lateMs: 0 })

describe('historyPage()', () => {
  // 0..44, every fifth failed, every seventh manual; oldest first as tasks keep it.
  const history = Array.from({ length: 45 }, (_, index) => run(index, index % 5 !== 0, index % 7 === 0 ? 'manual' : 'schedule'))

  it('pages newest first', () => {
    const first = historyPage(history, 'all', 0, 20)
    expect(first.rows.map((r) => r.runIndex).slice(0, 3)).toEqual([44, 43, 42])
    expect(first).toMatchObject({ page: 0, pages: 3, matching: 45 })
    expect(historyPage(history, 'all', 2, 20).rows.map((r) => r.runIndex)).toEqual([4, 3, 2, 1, 0])
    expect(historyPage(history, 'all', 99, 20).page).toBe(2)
  })

  it('filters failures and manual runs', () => {
    expect(historyPage(history, 'failures', 0, 20).rows.map((r) => r.runIndex)).toEqual([40, 35, 30, 25, 20, 15, 10, 5, 0])
    expect(historyPage(history, 'manual', 0, 20).rows.map((r) => r.runIndex)).toEqual([42, 35, 28, 21, 14, 7, 0])
    expect(historyPage([], 'failures', 0)).toMatchObject({ rows: [], pages: 1, matching: 0 })
  })

  it('finds the page of a run', () => {
    expect(pageOfRun(history, 'all', 44, 20)).toBe(0)
    expect(pageOfRun(history, 'all', 3, 20)).toBe(2)
    expect(pageOfRun(history, 'failures', 3, 20)).toBe(-1)
    expect(pageOfRun(history, 'all', 99, 20)).toBe(-1)
  })
})
