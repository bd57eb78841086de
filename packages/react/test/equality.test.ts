import { describe, expect, it } from 'vitest'
import { createTask } from '@tickwork/core'
import { registrySummaryEqual, statusEqual } from '@tickwork/react'
import { setup } from './helpers.ts'

describe('statusEqual / registrySummaryEqual', () => {
  it('compares fields, not identity', async () => {
    const env = setup()
    const task = createTask({ name: 'a', interval: 1000, registry: env.registry, run: () => {} })
    expect(task.status()).not.toBe(task.status())
    expect(statusEqual(task.status(), task.status())).toBe(true)
    expect(registrySummaryEqual(env.registry.summary(), env.registry.summary())).toBe(true)
    const before = task.status()
    const summaryBefore = env.registry.summary()
    task.start()
    expect(statusEqual(before, task.status())).toBe(false)
    expect(registrySummaryEqual(summaryBefore, env.registry.summary())).toBe(false)
    expect(statusEqual(null, null)).toBe(true)
    expect(statusEqual(before, null)).toBe(false)
    await task.stop()
  })
})
