import { createTask, sleep, TaskRegistry } from '@tickwork/core'
import { createTestClock } from '@tickwork/core/testing'
import { equal, test } from '../harness.ts'

type Priority = 'user-blocking' | 'user-visible' | 'background'

test('scheduled runs go through an injected scheduler.postTask with the level priority', async () => {
  const clock = createTestClock()
  const registry = new TaskRegistry({ clock })
  const posted: Priority[] = []
  const scheduler = {
    postTask(callback: () => void, options?: { priority?: Priority }): Promise<void> {
      posted.push(options?.priority ?? 'user-visible')
      callback()
      return Promise.resolve()
    },
  }
  let runs = 0
  const critical = createTask({ name: 'c', level: 'critical', interval: 100, run: () => void runs++, registry, scheduler })
  const low = createTask({ name: 'l', level: 'low', interval: 100, run: () => void runs++, registry, scheduler })
  critical.start()
  low.start()
  await clock.advance(0)
  equal(runs, 2, 'runs')
  equal(posted, ['user-visible', 'background'], 'priorities, critical first')
  await registry.stopAll()
})

test("a task on the real clock runs with or without this runtime's scheduler.postTask", async () => {
  const registry = new TaskRegistry()
  const hasPostTask = typeof (globalThis as { scheduler?: { postTask?: unknown } }).scheduler?.postTask === 'function'
  let runs = 0
  // Default scheduler: the global one where it exists (Chromium), direct runs elsewhere.
  const task = createTask({ name: `detect-${String(hasPostTask)}`, interval: 1, run: () => void runs++, registry })
  task.start()
  // Bounded by iterations, not by time: a broken scheduler fails here instead of hanging.
  for (let i = 0; i < 5000 && runs < 2; i++) await sleep(1)
  await registry.stopAll()
  equal(runs >= 2, true, `ran at least twice (ran ${runs})`)
  equal(task.state, 'stopped', 'state')
})

test('a scheduler.postTask that throws degrades to running directly, with a warning', async () => {
  const clock = createTestClock()
  const warnings: unknown[] = []
  const registry = new TaskRegistry({ clock })
  const scheduler = {
    postTask(): Promise<void> {
      throw new TypeError('postTask is not supported here')
    },
  }
  let runs = 0
  const task = createTask({ name: 'broken', interval: 100, run: () => void runs++, registry, scheduler, logger: { warn: (message) => void warnings.push(message) } })
  task.start()
  await clock.advance(0)
  equal(runs, 1, 'runs')
  equal(warnings, ['[tickwork] task "broken": scheduler.postTask threw; running directly'], 'warnings')
  await task.stop()
})
