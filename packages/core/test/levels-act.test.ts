import { beforeEach, describe, expect, it } from 'vitest'
import { fixedRate, InvalidOptionError, manualVisibility, type Clock, type PostTaskPriority, type PostTaskScheduler } from '../src/index.ts'
import { defaultWhenHidden } from '../src/visibility.ts'
import { priorityForLevel } from '../src/post-task.ts'
import { setup } from './helpers.ts'

let env: ReturnType<typeof setup>
beforeEach(() => {
  env = setup()
})

/** A scheduler that records posts and runs them when told to (as a browser would, later). */
function fakeScheduler() {
  const posts: { priority: PostTaskPriority | undefined; callback: () => void }[] = []
  const scheduler: PostTaskScheduler = {
    postTask(callback, options) {
      posts.push({ priority: options?.priority, callback })
      return Promise.resolve()
    },
  }
  const runPosted = (): void => {
    for (const post of posts.splice(0)) post.callback()
  }
  return { scheduler, posts, runPosted }
}

describe('scheduler.postTask', () => {
  it('posts scheduled runs with the level’s priority', async () => {
    const { scheduler, posts, runPosted } = fakeScheduler()
    const starts: string[] = []
    for (const level of ['critical', 'high', 'medium', 'low'] as const) {
      env.make({ name: level, level, scheduler, run: () => void starts.push(level) }).start()
    }
    await env.clock.advance(0)
    expect(starts).toEqual([])
    expect(posts.map((p) => p.priority)).toEqual(['user-visible', 'user-visible', 'background', 'background'])
    runPosted()
    expect(starts).toEqual(['critical', 'high', 'medium', 'low'])
  })

  it('takes a per-task priority override', async () => {
    const { scheduler, posts } = fakeScheduler()
    env.make({ name: 't', level: 'low', postTaskPriority: 'user-blocking', scheduler }).start()
    await env.clock.advance(0)
    expect(posts[0]?.priority).toBe('user-blocking')
  })

  it('detects globalThis.scheduler at call time, and null turns it off', async () => {
    const { scheduler, posts, runPosted } = fakeScheduler()
    const holder = globalThis as { scheduler?: PostTaskScheduler }
    // A real (non-virtual) clock, driven by the test clock underneath.
    const clock: Clock = { now: () => env.clock.now(), wallNow: () => env.clock.wallNow(), setTimeout: (cb, ms) => env.clock.setTimeout(cb, ms), clearTimeout: (h) => env.clock.clearTimeout(h) }
    const auto = env.make({ name: 'auto', clock })
    const off = env.make({ name: 'off', scheduler: null, clock })
    const virtual = env.make({ name: 'virtual' })
    holder.scheduler = scheduler
    try {
      auto.start()
      off.start()
      virtual.start()
      await env.clock.advance(0)
      expect(posts).toHaveLength(1)
      expect(off.status().totalRuns).toBe(1)
      // On a virtual clock the global scheduler is left alone: runs start inside advance().
      expect(virtual.status().totalRuns).toBe(1)
      runPosted()
      expect(auto.status().totalRuns).toBe(1)
    } finally {
      delete holder.scheduler
    }
    await env.clock.advance(1000)
    expect(auto.status().totalRuns).toBe(2)
  })

  it('drops a posted run when the task is stopped or paused before it starts', async () => {
    const { scheduler, runPosted } = fakeScheduler()
    const stopped = env.make({ name: 'stopped', scheduler })
    const paused = env.make({ name: 'paused', scheduler })
    stopped.start()
    paused.start()
    await env.clock.advance(0)
    await stopped.stop()
    paused.pause()
    runPosted()
    expect(stopped.status().totalRuns).toBe(0)
    expect(paused.status().totalRuns).toBe(0)
    paused.resume()
    await env.clock.advance(0)
    runPosted()
    expect(paused.status().totalRuns).toBe(1)
  })

  it('keeps the schedule going after posted runs, and manual runs are not posted', async () => {
    const { scheduler, posts, runPosted } = fakeScheduler()
    const task = env.make({ name: 't', scheduler, interval: 100 })
    task.start()
    for (let i = 0; i < 3; i++) {
      await env.clock.advance(i === 0 ? 0 : 100)
      runPosted()
    }
    expect(task.status().totalRuns).toBe(3)
    task.trigger()
    expect(task.status().totalRuns).toBe(4)
    expect(posts).toHaveLength(0)
  })

  it('falls back to a plain start, warning once, when a post rejects without calling back', async () => {
    const scheduler: PostTaskScheduler = { postTask: () => Promise.reject(new DOMException('aborted', 'AbortError')) }
    const task = env.make({ name: 't', interval: 100, scheduler })
    task.start()
    await env.clock.advance(250)
    expect(task.status().totalRuns).toBe(3)
    expect(env.warnings.map((w) => String(w[0]))).toEqual([expect.stringMatching(/task "t": scheduler.postTask rejected/)])
    expect(task.state).toBe('scheduled')
  })

  it('falls back to a plain start when a post never calls back within one interval', async () => {
    const scheduler: PostTaskScheduler = { postTask: () => new Promise(() => {}) }
    const task = env.make({ name: 't', interval: 100, scheduler })
    task.start()
    await env.clock.advance(0)
    expect(task.status().totalRuns).toBe(0)
    await env.clock.advance(100)
    expect(task.status().totalRuns).toBe(1)
    expect(env.warnings.filter((w) => /did not call back/.test(String(w[0])))).toHaveLength(1)
    expect(task.status().nextRunAt).not.toBeNull()
  })

  it('maps levels to priorities', () => {
    expect(['critical', 'high', 'medium', 'low'].map((l) => priorityForLevel(l as never))).toEqual(['user-visible', 'user-visible', 'background', 'background'])
  })
})

describe('whenHidden', () => {
  it('defaults by level: low pauses, medium slows, high and critical run', () => {
    expect(['critical', 'high', 'medium', 'low'].map((l) => defaultWhenHidden(l as never))).toEqual(['run', 'run', 'slow', 'pause'])
  })

  it("'pause' holds due runs while hidden and runs one overdue run on becoming visible", async () => {
    const visibility = manualVisibility()
    const task = env.make({ name: 'low', level: 'low', interval: 100, visibility })
    task.start()
    await env.clock.advance(0)
    visibility.setHidden(true)
    await env.clock.advance(1000)
    expect(task.status().totalRuns).toBe(1)
    expect(env.clock.armedTimers).toBe(0)
    visibility.setHidden(false)
    await env.clock.flush()
    expect(task.status().totalRuns).toBe(2)
    expect(task.history[1]).toMatchObject({ timestamp: 1000, lateMs: 900, trigger: 'schedule' })
    await env.clock.advance(100)
    expect(task.status().totalRuns).toBe(3)
  })

  it("'slow' stretches waits ×4 while hidden and brings an overdue run forward on becoming visible", async () => {
    const visibility = manualVisibility()
    const starts: number[] = []
    const task = env.make({ name: 'medium', interval: 100, visibility, run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(0)
    visibility.setHidden(true)
    await env.clock.advance(100)
    // the wait armed while visible runs as planned; the next ones are ×4
    await env.clock.advance(800)
    expect(starts).toEqual([0, 100, 500, 900])
    await env.clock.advance(250)
    visibility.setHidden(false)
    await env.clock.advance(0)
    // 1150: the real deadline (1000) has passed, so it runs now, once
    expect(starts).toEqual([0, 100, 500, 900, 1150])
    await env.clock.advance(100)
    expect(starts).toEqual([0, 100, 500, 900, 1150, 1250])
  })

  it("'slow' returns to the real deadline when it is still ahead", async () => {
    const visibility = manualVisibility(true)
    const starts: number[] = []
    const task = env.make({ name: 'm', whenHidden: 'slow', interval: 100, visibility, run: () => void starts.push(env.clock.now()) })
    task.start()
    await env.clock.advance(0)
    expect(task.status().nextRunAt).toBe(400)
    await env.clock.advance(50)
    visibility.setHidden(false)
    await env.clock.flush()
    expect(task.status().nextRunAt).toBe(100)
    await env.clock.advance(50)
    expect(starts).toEqual([0, 100])
  })

  it("'run' (high and critical by default) ignores visibility, and an explicit option beats the level", async () => {
    const visibility = manualVisibility(true)
    const high = env.make({ name: 'high', level: 'high', interval: 100, visibility })
    const forced = env.make({ name: 'low-run', level: 'low', whenHidden: 'run', interval: 100, visibility })
    const paused = env.make({ name: 'critical-pause', level: 'critical', whenHidden: 'pause', interval: 100, visibility })
    for (const task of [high, forced, paused]) task.start()
    await env.clock.advance(300)
    expect([high, forced, paused].map((t) => t.status().totalRuns)).toEqual([4, 4, 0])
  })

  it('keeps a fixed-rate grid while paused, counting the passed slots when visible again', async () => {
    const visibility = manualVisibility(true)
    const task = env.make({ name: 'fr', level: 'low', schedule: fixedRate(100), visibility })
    task.start()
    await env.clock.advance(550)
    visibility.setHidden(false)
    await env.clock.advance(100)
    expect(task.history.map((s) => s.timestamp)).toEqual([550, 600])
    // slots 100 … 500 passed while hidden: skipped and counted, not run in a burst
    expect(task.status().skippedRuns).toBe(5)
  })

  it('stops listening when the loop ends', async () => {
    const visibility = manualVisibility(true)
    let listeners = 0
    const counted = {
      isHidden: visibility.isHidden,
      subscribe: (listener: (hidden: boolean) => void) => {
        listeners++
        const off = visibility.subscribe(listener)
        return () => {
          listeners--
          off()
        }
      },
    }
    const task = env.make({ name: 't', level: 'low', visibility: counted })
    task.start()
    expect(listeners).toBe(1)
    await task.stop()
    expect(listeners).toBe(0)
    visibility.setHidden(false)
    await env.clock.advance(1000)
    expect(task.status().totalRuns).toBe(0)
  })

  it('goes through postTask when the held run is released', async () => {
    const visibility = manualVisibility(true)
    const { scheduler, posts, runPosted } = fakeScheduler()
    const task = env.make({ name: 't', level: 'low', visibility, scheduler })
    task.start()
    await env.clock.advance(10)
    expect(posts).toHaveLength(0)
    visibility.setHidden(false)
    expect(posts.map((p) => p.priority)).toEqual(['background'])
    runPosted()
    expect(task.status().totalRuns).toBe(1)
  })
})

describe('options', () => {
  it('are validated with named errors quoting the value', () => {
    expect(() => env.make({ name: 't', whenHidden: 'sleep' as never })).toThrow(InvalidOptionError)
    expect(() => env.make({ name: 't', whenHidden: 'sleep' as never })).toThrow(/task "t": whenHidden must be one of 'run', 'pause', 'slow', got `"sleep"` \(string\)/)
    expect(() => env.make({ name: 't', visibility: {} as never })).toThrow(/visibility must have isHidden\(\) and subscribe\(listener\), or be null, got `\{\}` \(object\)/)
    expect(() => env.make({ name: 't', postTaskPriority: 'urgent' as never })).toThrow(/postTaskPriority must be one of 'user-blocking', 'user-visible', 'background', got `"urgent"`/)
    expect(() => env.make({ name: 't', scheduler: { post: 1 } as never })).toThrow(/scheduler must have postTask/)
  })
})
