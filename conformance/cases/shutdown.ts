import { detectShutdownHost, installShutdown, shutdown } from '@tickwork/core/shutdown'
import { equal, runtimeName, test } from '../harness.ts'
import { setup } from './util.ts'

const expectedHost: Record<string, string> = {
  node: 'process',
  bun: 'process',
  deno: 'deno',
  browser: 'window',
  'web-worker': 'none',
  workerd: 'none',
}

test('detectShutdownHost() finds the shutdown event of this runtime', () => {
  const runtime = runtimeName()
  equal(detectShutdownHost().kind, expectedHost[runtime] ?? 'none', `host on ${runtime}`)
})

test('installShutdown() on a pagehide target: tasks stop low to critical, then hooks run in order', async () => {
  const { clock, registry, make } = setup()
  const steps: string[] = []
  make({ name: 'critical', level: 'critical' }).start()
  make({ name: 'low', level: 'low' }).start()
  registry.subscribe((event) => {
    if (event.type === 'stateChanged' && event.state === 'stopped') steps.push(`stop ${event.name}`)
  })
  const page = new EventTarget()
  const uninstall = installShutdown(registry, {
    host: { kind: 'window', window: page },
    hooks: [
      () => {
        steps.push('hook 0')
        throw new Error('a failing hook does not skip the next')
      },
      ({ reason }) => void steps.push(`hook 1 ${reason}`),
    ],
    logger: { warn: () => {} },
  })
  page.dispatchEvent(new Event('pagehide'))
  await clock.advance(0)
  uninstall()
  equal(steps, ['stop low', 'stop critical', 'hook 0', 'hook 1 pagehide'], 'steps')
  equal(clock.armedTimers, 0, 'timers left armed')
})

test('shutdown() bounds a hook that never settles by the timeout and goes on', async () => {
  const { clock, registry } = setup()
  let second = false
  const pending = shutdown(registry, {
    timeout: 100,
    logger: { warn: () => {} },
    hooks: [() => new Promise<void>(() => {}), () => void (second = true)],
  })
  await clock.advance(100)
  const report = await pending
  equal(report.hooks.map((hook) => hook.timedOut), [true, false], 'timed out')
  equal(second, true, 'second hook ran')
})
