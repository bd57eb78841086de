import { describe, expect, it } from 'vitest'
import { PeriodicTask, type RunContext } from '../src/index.ts'
import { setup } from './helpers.ts'

describe('PeriodicTask', () => {
  it('runs execute(ctx) of a subclass and registers in the given registry', async () => {
    const { clock, registry } = setup()
    class Heartbeat extends PeriodicTask {
      beats = 0
      constructor() {
        super({ name: 'heartbeat', interval: 100, level: 'critical', registry })
      }
      protected execute(ctx: RunContext) {
        this.beats++
        return { message: `beat ${ctx.runIndex}` }
      }
    }
    const task = new Heartbeat()
    expect(registry.get('heartbeat')).toBe(task)
    task.start()
    await clock.advance(250)
    expect(task.beats).toBe(3)
    expect(task.status().lastSummary?.message).toBe('beat 2')
    expect(task.level).toBe('critical')
  })

  it('stays out of any registry with autoRegister: false', () => {
    const { registry } = setup()
    class Quiet extends PeriodicTask {
      protected execute() {}
    }
    new Quiet({ name: 'quiet', interval: 10, autoRegister: false, registry })
    expect(registry.get('quiet')).toBeUndefined()
  })
})
