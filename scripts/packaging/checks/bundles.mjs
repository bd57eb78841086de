// Production builds of the consumer app with Vite, webpack 5 and Rollup.
// The panel must be absent from what `@tickwork/devtools` builds to, and
// present from `@tickwork/devtools/production` (so "absent" means something).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { assert } from '../harness.mjs'

/** Strings only the panel's code contains (packages/devtools/e2e/production-build.spec.ts uses the same). */
const PANEL_MARKERS = ['tickwork-devtools:panel', 'Open tickwork devtools', 'getVirtualItems']
/** A string only the consumer app's own code contains. */
const APP_MARKER = 'pong-from-consumer-app'

function javascriptUnder(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? [javascriptUnder(join(dir, entry.name))] : entry.name.endsWith('.js') ? [readFileSync(join(dir, entry.name), 'utf8')] : []))
    .join('\n')
}

/** Asserts the bundle holds the app and, as `panel` says, the panel or none of it. */
export function assertPanel(code, panel, bundler) {
  assert(code.includes(APP_MARKER), `${bundler}: the app's own code is not in the bundle`)
  const found = PANEL_MARKERS.filter((marker) => code.includes(marker))
  if (panel) assert(found.length === PANEL_MARKERS.length, `${bundler}: the panel is missing from the production entry's bundle (found ${found.join(', ') || 'none'} of ${PANEL_MARKERS.join(', ')})`)
  else assert(found.length === 0, `${bundler}: the panel is in a production bundle (found ${found.join(', ')})`)
}

// Vite sets process.env.NODE_ENV for a production build; it is put back to this after each one.
const initialNodeEnv = process.env.NODE_ENV

/** `vite build` of `consumer/<input>` (a page, or a script as the entry); returns all emitted JavaScript. */
export async function viteBuild(consumer, input) {
  const { build } = await import('vite')
  const outDir = mkdtempSync(join(tmpdir(), 'tickwork-vite-'))
  try {
    await build({
      configFile: false,
      root: consumer,
      mode: 'production',
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, rollupOptions: { input: join(consumer, input) } },
    })
    return javascriptUnder(outDir)
  } finally {
    if (initialNodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = initialNodeEnv
    rmSync(outDir, { recursive: true, force: true })
  }
}

/** A webpack 5 production build of `consumer/src/app.js`; returns the bundle. */
export async function webpackBuild(consumer) {
  const { default: webpack } = await import('webpack')
  const outDir = mkdtempSync(join(tmpdir(), 'tickwork-webpack-'))
  try {
    const stats = await new Promise((resolve, reject) => {
      webpack({ mode: 'production', context: consumer, entry: './src/app.js', output: { path: outDir, filename: 'app.js' }, performance: { hints: false } }, (error, result) =>
        error ? reject(error) : resolve(result),
      )
    })
    if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }))
    return javascriptUnder(outDir)
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}

/** A Rollup production build of `consumer/src/app.js` (node-resolve, commonjs for React, NODE_ENV replaced); returns the bundle. */
export async function rollupBuild(consumer) {
  const { rollup } = await import('rollup')
  const { nodeResolve } = await import('@rollup/plugin-node-resolve')
  const { default: commonjs } = await import('@rollup/plugin-commonjs')
  const { default: replace } = await import('@rollup/plugin-replace')
  const warnings = []
  const bundle = await rollup({
    input: join(consumer, 'src/app.js'),
    plugins: [replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }), nodeResolve({ browser: true }), commonjs()],
    onwarn(warning) {
      // Rollup drops module-level directives ('use client') with a notice; that is expected.
      if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warnings.push(warning.message)
    },
  })
  try {
    const { output } = await bundle.generate({ format: 'es' })
    if (warnings.length > 0) console.log(`    rollup warnings:\n${warnings.map((w) => `      ${w}`).join('\n')}`)
    return output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n')
  } finally {
    await bundle.close()
  }
}
