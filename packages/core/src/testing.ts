/**
 * Test helpers: a virtual clock to test tasks without real time or global fake timers.
 * @module
 */
export { createTestClock, RunAllLimitError, type TestClock, type TestClockOptions, type TestTimer } from './test-clock.ts'
export { MAX_WAIT_MS, TimerQueue, timerQueueFor, type ScheduleTimerOptions } from './timer-queue.ts'
export type { TimerEntry } from './timer-heap.ts'
