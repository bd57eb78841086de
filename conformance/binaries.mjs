// Paths of the runtime binaries installed from npm. The `node_modules/.bin`
// entries are shell shims that do not `exec`, so a signal sent to them never
// reaches the runtime: shutdown tests and server cleanup need the real binary.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const first = (...paths) => paths.find((path) => existsSync(path)) ?? paths.at(-1)

export const binaries = {
  node: process.execPath,
  deno: first(`${root}node_modules/deno/deno`, `${root}node_modules/.bin/deno`),
  bun: first(`${root}node_modules/bun/bin/bun.exe`, `${root}node_modules/bun/bin/bun`, `${root}node_modules/.bin/bun`),
  workerd: first(`${root}node_modules/workerd/bin/workerd`, `${root}node_modules/.bin/workerd`),
}
