// A TCP port that was free a moment ago on 127.0.0.1. Servers started on it
// may still lose a race for it: callers that can retry (redis.mjs) do.
import { createServer } from 'node:net'

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
