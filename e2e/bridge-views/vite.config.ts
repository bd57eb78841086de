import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '../..')

/** Serves the fixture page and its worker straight from the workspace sources (the port comes from the command line). */
export default defineConfig({
  root: resolve(here, 'fixture'),
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@tickwork\/core$/, replacement: resolve(root, 'packages/core/src/index.ts') },
      { find: /^@tickwork\/core\/bridge$/, replacement: resolve(root, 'packages/core/src/bridge/index.ts') },
      { find: /^@tickwork\/devtools$/, replacement: resolve(root, 'packages/devtools/src/index.ts') },
    ],
  },
  server: { host: '127.0.0.1', fs: { allow: [root] } },
  worker: { format: 'es' },
  logLevel: 'warn',
})
