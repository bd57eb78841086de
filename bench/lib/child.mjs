// Runs a benchmark in a child process and reads its one JSON line.
import { spawn } from 'node:child_process'

/**
 * Runs `command args` and resolves with the last stdout line parsed as JSON.
 * Rejects with stderr quoted when the child fails, prints no JSON, or runs
 * past `timeoutMs` (it is killed, by its own pid).
 */
export function runJson(command, args, { timeoutMs = 120_000, env = {}, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${command} ${args.join(' ')} timed out after ${timeoutMs} ms\n${stderr.slice(-2000)}`))
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      const line = stdout.trim().split('\n').pop() ?? ''
      try {
        if (code !== 0) throw new Error(`exit code ${code}`)
        resolve(JSON.parse(line))
      } catch (error) {
        reject(new Error(`${command} ${args.join(' ')} failed (${error.message})\n${stderr.slice(-2000)}${stdout.slice(-500)}`))
      }
    })
  })
}

/** Runs `command args`; resolves `{ code, stdout }` (never rejects on a non-zero exit). */
export function runText(command, args, { timeoutMs = 600_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout })
    })
  })
}
