// The packed core on Node (ESM and require), Deno and Bun.
import { spawn } from 'node:child_process'
import { bunBinary, root } from '../harness.mjs'

/**
 * Runs the Bun example server from the consumer (PORT=0), reads its port,
 * waits until the background task has refreshed the prices, then sends
 * SIGTERM: the example's shutdown must stop its tasks and exit 0.
 */
export function bunServer(cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(bunBinary, ['run', 'bun/server.ts'], { cwd, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    let polled = false
    const fail = (message) => {
      child.kill('SIGKILL')
      const error = new Error(message)
      error.detail = `${message}\n${output}`
      reject(error)
    }
    // A guard against a hang, not a pass/fail criterion.
    const guard = setTimeout(() => fail('the Bun example did not finish within 60 s'), 60_000)
    child.stderr.on('data', (chunk) => (output += chunk))
    child.stdout.on('data', async (chunk) => {
      output += chunk
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match === null || polled) return
      polled = true
      try {
        for (;;) {
          const body = await (await fetch(`${match[1]}/prices`)).json()
          if (body.version >= 1) break
          await new Promise((r) => setTimeout(r, 100))
        }
        child.kill('SIGTERM')
      } catch (error) {
        fail(`fetching /prices failed: ${error.message}`)
      }
    })
    child.on('close', (code, signal) => {
      clearTimeout(guard)
      if (code === 0 && polled) resolve(output)
      else fail(`the Bun example exited with ${signal ?? code} after SIGTERM`)
    })
  })
}

/** Where the repository's examples are. */
export const examples = `${root}/examples`
