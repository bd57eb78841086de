import { expect, test } from '@playwright/test'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { build } from 'vite'

// A string only the panel's code contains (the first line of its stylesheet).
const MARKER = 'tickwork-devtools:panel'
const here = fileURLToPath(new URL('./prod-fixture/', import.meta.url))

/** Builds one entry the way `vite build` builds an app, and returns all emitted JavaScript. */
async function buildEntry(entry: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'tickwork-devtools-prod-'))
  try {
    await build({
      configFile: false,
      root: here,
      mode: 'production',
      logLevel: 'silent',
      plugins: [react()],
      resolve: { conditions: ['tickwork-source', 'module', 'browser', 'production'] },
      build: { outDir, emptyOutDir: true, rollupOptions: { input: join(here, entry) } },
    })
    const js = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((item) =>
        item.isDirectory() ? js(join(dir, item.name)) : item.name.endsWith('.js') ? [readFileSync(join(dir, item.name), 'utf8')] : [],
      )
    return js(outDir).join('\n')
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}

test.describe('production builds', () => {
  test('a page importing @tickwork/devtools ships none of the panel', async () => {
    test.setTimeout(60_000)
    const output = await buildEntry('app.tsx')
    // Booleans, not the bundle: a failure should not print a megabyte of JavaScript.
    expect(output.includes('ping'), 'the app itself is in the bundle').toBe(true)
    expect(output.includes(MARKER), 'the panel stylesheet is in the bundle').toBe(false)
    expect(output.includes('Open tickwork devtools'), 'the toggle button is in the bundle').toBe(false)
    expect(output.includes('getVirtualItems'), 'the virtualiser is in the bundle').toBe(false)
  })

  test('@tickwork/devtools/production keeps the panel', async () => {
    test.setTimeout(60_000)
    const output = await buildEntry('keep.tsx')
    expect(output.includes(MARKER), 'the panel stylesheet is in the bundle').toBe(true)
    expect(output.includes('Open tickwork devtools'), 'the toggle button is in the bundle').toBe(true)
    expect(output.includes('getVirtualItems'), 'the virtualiser is in the bundle').toBe(true)
  })
})
