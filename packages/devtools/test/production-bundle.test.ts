// @vitest-environment node
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url))

/** Bundles `import { TickworkDevtools, TickworkDevtoolsPanel }` the way an esbuild app would. */
async function bundle(nodeEnv: string): Promise<string> {
  const result = await build({
    stdin: { contents: `export { TickworkDevtools, TickworkDevtoolsPanel } from ${JSON.stringify(entry)}`, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    conditions: ['tickwork-source', 'module'],
    external: ['react', 'react-dom', 'react/jsx-runtime', 'zustand', 'zustand/*', '@tanstack/react-virtual', '@tickwork/core'],
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

// Strings only the panel's own code holds.
const markers = ['Run now', 'Export JSON', 'attachShadow']

describe('the default entry in an esbuild production bundle', () => {
  it('contains none of the panel code', async () => {
    const code = await bundle('production')
    expect(markers.filter((marker) => code.includes(marker))).toEqual([])
  })

  it('keeps the panel in a development bundle (so the check above can fail)', async () => {
    const code = await bundle('development')
    expect(markers.filter((marker) => code.includes(marker))).toEqual(markers)
  })
})
