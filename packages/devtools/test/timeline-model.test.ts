import type { RunSummary } from '@tickwork/core'
import { describe, expect, it } from 'vitest'
import { axisTicks, DEFAULT_SPAN, hitTest, MAX_SPAN, MIN_SPAN, panWindow, runBars, runKind, skippedSlots, zoomStep, zoomWindow } from '../src/timeline/timeline-model.ts'

const T0 = 1_700_000_000_000

function run(runIndex: number, timestamp: number, patch: Partial<RunSummary> = {}): RunSummary {
  return { timestamp, durationMs: 20, success: true, message: '', extra: {}, runIndex, lateMs: 0, trigger: 'schedule', ...patch }
}

describe('runBars()', () => {
  it('places each run at its start, relative to the origin, as long as it took', () => {
    const [bar] = runBars([run(0, T0 + 5000, { durationMs: 300 })], T0, 10)
    expect(bar).toEqual({ runIndex: 0, due: 5000, start: 5000, end: 5300, kind: 'ok', manual: false, late: false })
  })

  it('keeps short runs at least minWidth long', () => {
    expect(runBars([run(0, T0, { durationMs: 0.2 })], T0, 50)[0]).toMatchObject({ start: 0, end: 50 })
  })

  it('shows lateness as the gap from the due time to the start, when it is wider than minWidth', () => {
    const [late, slight] = runBars([run(0, T0 + 1000, { lateMs: 400 }), run(1, T0 + 2000, { lateMs: 5 })], T0, 10)
    expect(late).toMatchObject({ due: 600, start: 1000, late: true })
    expect(slight).toMatchObject({ due: 1995, late: false })
  })

  it('tells failures, time-outs and manual runs apart', () => {
    const bars = runBars(
      [run(0, T0, { success: false, error: { name: 'Error', message: 'x' } }), run(1, T0, { success: false, error: { name: 'TimeoutError', message: 't' } }), run(2, T0, { trigger: 'manual' })],
      T0,
      1,
    )
    expect(bars.map((bar) => [bar.kind, bar.manual])).toEqual([
      ['fail', false],
      ['timeout', false],
      ['ok', true],
    ])
    expect(runKind(run(3, T0, { success: false }))).toBe('fail')
  })
})

describe('skippedSlots()', () => {
  const rate = 'every 1000 ms (fixed rate)'
  it('finds the holes in a fixed-rate grid of due times', () => {
    // Due at 0, 1000, then 4000 (late by 100): 2000 and 3000 were skipped.
    const history = [run(0, T0), run(1, T0 + 1000), run(2, T0 + 4100, { lateMs: 100 })]
    expect(skippedSlots(history, 1000, rate, T0)).toEqual([2000, 3000])
  })

  it('ignores manual runs, and schedules that skip nothing', () => {
    const history = [run(0, T0), run(1, T0 + 500, { trigger: 'manual' }), run(2, T0 + 1000)]
    expect(skippedSlots(history, 1000, rate, T0)).toEqual([])
    expect(skippedSlots([run(0, T0), run(1, T0 + 5000)], 1000, 'every 1000 ms (fixed delay)', T0)).toEqual([])
    expect(skippedSlots([run(0, T0), run(1, T0 + 5000)], null, 'cron "* * * * *"', T0)).toEqual([])
  })

  it('draws at most 50 marks per gap', () => {
    expect(skippedSlots([run(0, T0), run(1, T0 + 1_000_000)], 1000, rate, T0)).toHaveLength(50)
  })
})

describe('hitTest()', () => {
  const bars = runBars([run(0, T0 + 1000), run(1, T0 + 2000)], T0, 10)
  it('finds the bar under a time, else the nearest within the tolerance', () => {
    expect(hitTest(bars, 1010, 0)?.runIndex).toBe(0)
    expect(hitTest(bars, 1990, 15)?.runIndex).toBe(1)
    expect(hitTest(bars, 1500, 15)).toBeUndefined()
  })
})

describe('zoom and pan', () => {
  const window = { end: T0, span: DEFAULT_SPAN }
  it('zooms around an anchor that stays in place', () => {
    const anchor = T0 - 100_000
    const zoomed = zoomWindow(window, 0.5, anchor)
    expect(zoomed.span).toBe(150_000)
    // The anchor was 2/3 of the way across; it still is.
    expect((anchor - (zoomed.end - zoomed.span)) / zoomed.span).toBeCloseTo(2 / 3)
  })

  it('keeps the span between its limits', () => {
    expect(zoomWindow(window, 1e-6).span).toBe(MIN_SPAN)
    expect(zoomWindow(window, 1e6).span).toBe(MAX_SPAN)
  })

  it('steps through the zoom levels', () => {
    expect(zoomStep(300_000, -1)).toBe(120_000)
    expect(zoomStep(300_000, 1)).toBe(600_000)
    expect(zoomStep(MIN_SPAN, -1)).toBe(MIN_SPAN)
    expect(zoomStep(MAX_SPAN, 1)).toBe(MAX_SPAN)
    expect(zoomStep(200_000, 1)).toBe(300_000)
  })

  it('pans, never past the latest time', () => {
    expect(panWindow(window, -60_000, T0)).toEqual({ end: T0 - 60_000, span: DEFAULT_SPAN })
    expect(panWindow(window, 60_000, T0)).toEqual({ end: T0, span: DEFAULT_SPAN })
  })

  it('puts axis ticks on round times inside the window', () => {
    const ticks = axisTicks({ end: 600_000, span: 300_000 })
    expect(ticks).toEqual([300_000, 360_000, 420_000, 480_000, 540_000, 600_000])
    expect(axisTicks({ end: 10_500, span: 10_000 }).every((t) => t % 2000 === 0)).toBe(true)
  })
})
