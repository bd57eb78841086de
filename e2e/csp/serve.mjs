// Builds the demo and a devtools fixture for production, then serves both
// with a strict Content-Security-Policy: no 'unsafe-inline', no 'unsafe-eval',
// styles only from the origin or with the per-response nonce.
//   /        the demo's production build
//   /panel/  the fixture: live tasks + the devtools panel with styleNonce
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { build } from 'vite'

const here = fileURLToPath(new URL('.', import.meta.url))
const root = resolve(here, '../..')
const out = resolve(root, 'artifacts/csp')
const port = Number(process.argv[2] ?? 0)
const conditions = ['tickwork-source', 'module', 'browser', 'production']

await build({ root: resolve(root, 'apps/demo'), logLevel: 'warn', build: { outDir: join(out, 'demo'), emptyOutDir: true } })
await build({
  configFile: false,
  root: join(here, 'fixture'),
  base: '/panel/',
  logLevel: 'warn',
  plugins: [react()],
  resolve: {
    conditions,
    // The fixture lives outside the workspace packages: point it at their sources.
    alias: [
      { find: /^@tickwork\/core$/, replacement: resolve(root, 'packages/core/src/index.ts') },
      { find: /^@tickwork\/core\/bridge$/, replacement: resolve(root, 'packages/core/src/bridge/index.ts') },
      { find: /^@tickwork\/devtools\/production$/, replacement: resolve(root, 'packages/devtools/src/production.ts') },
    ],
    dedupe: ['react', 'react-dom'],
  },
  build: { outDir: join(out, 'panel'), emptyOutDir: true, target: 'es2022' },
})

/** The policy under test. */
export function policy(nonce) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' }

createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost')
  if (url.pathname.startsWith('/api/')) {
    // The demo's status endpoint lives in its Vite server; here it is simply down.
    response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"no API in the CSP check"}')
    return
  }
  const [dir, path] = url.pathname.startsWith('/panel/') ? ['panel', url.pathname.slice('/panel/'.length)] : ['demo', url.pathname.slice(1)]
  let file = normalize(join(out, dir, path))
  if (!file.startsWith(join(out, dir)) || !existsSync(file) || statSync(file).isDirectory()) {
    // A single-page app: unknown paths without an extension get the page.
    if (extname(path) !== '') {
      response.writeHead(404).end()
      return
    }
    file = join(out, dir, 'index.html')
  }
  const nonce = randomBytes(16).toString('base64')
  let body = readFileSync(file)
  if (file.endsWith('.html')) body = Buffer.from(body.toString('utf8').replaceAll('__CSP_NONCE__', nonce))
  response.writeHead(200, {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': policy(nonce),
    'cache-control': 'no-store',
  })
  response.end(body)
}).listen(port, '127.0.0.1', () => console.log(`csp server on http://127.0.0.1:${port}/`))
