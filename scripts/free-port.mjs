// Free TCP ports on 127.0.0.1, for every test server here: no suite
// hard-codes a port, so two checkouts (or two suites) can run at once.
import { execFileSync } from 'node:child_process'
import { createServer } from 'node:net'

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * `freePort()` for places that cannot await, such as a Playwright config
 * (it is loaded again in every worker process). Asks a short-lived Node
 * child, so it blocks for a few tens of milliseconds.
 */
export function freePortSync() {
  const script = "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }))
}

/**
 * The port kept in `process.env[name]`, or a free one stored there. Playwright
 * loads its config in the runner and again in each worker, which inherit the
 * runner's environment: the first load picks the port, the others reuse it,
 * so the web server and the tests agree.
 */
export function sharedPort(name) {
  const kept = Number(process.env[name])
  if (Number.isInteger(kept) && kept > 0) return kept
  const port = freePortSync()
  process.env[name] = String(port)
  return port
}
