// Runs the bundled suite inside workerd (Cloudflare's runtime): writes a
// minimal config next to the bundle, serves it on a free port, fetches once,
// prints the suite's lines and stops the server.
// Usage: node conformance/runners/workerd.mjs <artifacts/conformance>
import { spawn } from 'node:child_process'
import { copyFileSync, writeFileSync } from 'node:fs'
import { binaries } from '../binaries.mjs'
import { freePort } from '../../scripts/free-port.mjs'

const dir = process.argv[2]
copyFileSync(new URL('./workerd-entry.js', import.meta.url), `${dir}/workerd-entry.js`)
writeFileSync(
  `${dir}/workerd.capnp`,
  `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .suiteWorker)],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);
const suiteWorker :Workerd.Worker = (
  modules = [
    (name = "workerd-entry.js", esModule = embed "workerd-entry.js"),
    (name = "suite.js", esModule = embed "suite.js"),
  ],
  compatibilityDate = "2024-09-23",
);
`,
)

const port = await freePort()
const server = spawn(binaries.workerd, ['serve', `${dir}/workerd.capnp`, '--socket-addr', `http=127.0.0.1:${port}`], {
  stdio: ['ignore', 'inherit', 'inherit'],
})
let exited = false
server.on('exit', () => (exited = true))

/** Fetches the suite, retrying while workerd is still starting (connection refused). */
async function fetchSuite() {
  for (let attempt = 0; attempt < 200 && !exited; attempt++) {
    try {
      return await fetch(`http://127.0.0.1:${port}/`)
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  throw new Error(`workerd did not answer on port ${port}${exited ? ' (it exited)' : ''}`)
}

let failed = true
try {
  const response = await fetchSuite()
  const text = await response.text()
  process.stdout.write(text)
  failed = response.status !== 200 || !/\d+ passed, 0 failed/.test(text)
} catch (error) {
  console.log(String(error))
  console.log('0 passed, 1 failed')
} finally {
  // workerd drains open connections on SIGTERM (fetch keeps one alive), so it gets a moment, then SIGKILL.
  server.kill('SIGTERM')
  const force = setTimeout(() => server.kill('SIGKILL'), 1000)
  if (!exited) await new Promise((resolve) => server.on('exit', resolve))
  clearTimeout(force)
}
process.exitCode = failed ? 1 : 0
