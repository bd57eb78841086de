// A private redis-server for tests: loopback only, a free port, a temporary
// folder, no persistence. Stopped and deleted by stop(), or when this process
// exits. pause()/resume() freeze it (SIGSTOP/SIGCONT) to play an outage.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port.mjs'

const READY = /Ready to accept connections/
const START_LIMIT_MS = 10_000

/**
 * Starts redis-server (`REDIS_SERVER` overrides the binary).
 * @returns {Promise<{ port: number, url: string, pid: number, stop(): Promise<void>, pause(): void, resume(): void }>}
 */
export async function startRedis() {
  let lastError
  // The free port may be taken between freePort() and the bind: try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await startOnce(await freePort())
    } catch (error) {
      if (error.code === 'ENOENT') throw missing()
      lastError = error
    }
  }
  throw lastError
}

function missing() {
  return new Error('redis-server was not found on PATH: install it with `pnpm setup:system` (Debian: apt-get install -y redis-server), or set REDIS_SERVER to its path')
}

function startOnce(port) {
  const dir = mkdtempSync(join(tmpdir(), 'tickwork-redis-'))
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'notice']
  const child = spawn(process.env.REDIS_SERVER ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const cleanup = () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT')
      child.kill('SIGKILL')
    }
    rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', cleanup)
  return new Promise((resolve, reject) => {
    let output = ''
    const fail = (error) => {
      clearTimeout(limit)
      process.off('exit', cleanup)
      cleanup()
      reject(error)
    }
    const limit = setTimeout(() => fail(new Error(`redis-server did not get ready within ${START_LIMIT_MS} ms:\n${output}`)), START_LIMIT_MS)
    const onData = (chunk) => {
      output += chunk
      if (!READY.test(output)) return
      clearTimeout(limit)
      child.stdout.off('data', onData)
      // Keep draining its output so a full pipe never blocks the server.
      child.stdout.resume()
      resolve(handle(child, port, cleanup))
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', fail)
    child.on('exit', (code, signal) => fail(new Error(`redis-server exited (${signal ?? code}) before it was ready:\n${output}`)))
  })
}

function handle(child, port, cleanup) {
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop: () =>
      new Promise((resolve) => {
        process.off('exit', cleanup)
        if (child.exitCode !== null || child.signalCode !== null) {
          cleanup()
          return resolve()
        }
        child.once('exit', () => {
          cleanup()
          resolve()
        })
        child.kill('SIGCONT')
        child.kill('SIGTERM')
      }),
  }
}
