// Child processes for the fleet tests: Node (through tsx) or Bun, each running
// one TypeScript script, talking by lines on stdin/stdout.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { binaries } from '../../../../conformance/binaries.mjs'

export type Runtime = 'node' | 'bun'

const root = fileURLToPath(new URL('../../../../', import.meta.url))

/** One running child: its output lines so far, and ways to wait for and act on it. */
export interface Child {
  readonly pid: number
  readonly runtime: Runtime
  /** Every stdout line so far. */
  readonly lines: readonly string[]
  /** Resolves with the first line (already seen or to come) matching `pattern`. */
  line(pattern: RegExp, limitMs?: number): Promise<string>
  /** Writes a line to the child's stdin. */
  send(line: string): void
  kill(signal: NodeJS.Signals): void
  /** Resolves when the child has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stderr(): string
}

/** Starts `script` (a path from the repository root) with `args` on `runtime`. */
export function spawnChild(runtime: Runtime, script: string, args: string[]): Child {
  const [command, prefix] = runtime === 'node' ? [process.execPath, ['--import', 'tsx']] : [binaries.bun, []]
  const child: ChildProcess = spawn(command, [...prefix, script, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] })
  const lines: string[] = []
  const waiters = new Set<() => void>()
  let pending = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk
    const parts = pending.split('\n')
    pending = parts.pop() ?? ''
    lines.push(...parts)
    for (const wake of [...waiters]) wake()
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal })
      for (const wake of [...waiters]) wake()
    })
  })
  return {
    pid: child.pid!,
    runtime,
    lines,
    line: (pattern, limitMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = lines.find((line) => pattern.test(line))
          if (found !== undefined) return done(() => resolve(found))
          if (child.exitCode !== null || child.signalCode !== null) done(() => reject(new Error(`${runtime} child ${child.pid} exited before printing ${pattern}:\n${stderr}`)))
        }
        const limit = setTimeout(() => done(() => reject(new Error(`${runtime} child ${child.pid} did not print ${pattern} within ${limitMs} ms:\n${stderr}`))), limitMs)
        const done = (settle: () => void): void => {
          clearTimeout(limit)
          waiters.delete(check)
          settle()
        }
        waiters.add(check)
        check()
      }),
    send: (line) => void child.stdin!.write(`${line}\n`),
    kill: (signal) => void child.kill(signal),
    exited,
    stderr: () => stderr,
  }
}

/** True when Bun runs here (its npm package ships the binary for this platform). */
export async function bunRuns(): Promise<boolean> {
  const child = spawn(binaries.bun, ['--version'], { stdio: 'ignore' })
  return new Promise((resolve) => {
    child.on('error', () => resolve(false))
    child.on('exit', (code) => resolve(code === 0))
  })
}
