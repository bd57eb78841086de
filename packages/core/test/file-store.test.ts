import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fileStore } from '../src/stores/file-store.ts'
import { createCachedValue } from '../src/cache.ts'
import { createTestClock } from '../src/testing.ts'

let directory: string
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'tickwork-file-store-'))
})
afterEach(async () => {
  await rm(directory, { recursive: true, force: true })
})

describe('fileStore()', () => {
  it('writes one file per key, reads it back, and deletes it', async () => {
    const store = fileStore({ directory: join(directory, 'nested') })
    expect(await store.read('user/42')).toBeUndefined()
    await store.write('user/42', 'hello')
    expect(await store.read('user/42')).toBe('hello')
    expect(await readdir(join(directory, 'nested'))).toEqual(['user%2F42.json'])
    await store.delete('user/42')
    expect(await store.read('user/42')).toBeUndefined()
  })

  it('keeps a cached value across "restarts" and regenerates a corrupt file', async () => {
    const clock = createTestClock({ now: 5000 })
    const store = fileStore({ directory })
    const options = { expire: 60_000, store, key: 'rates', clock }
    await createCachedValue({ ...options, source: () => ({ eur: 1.1 }) }).get()
    await expect(createCachedValue({ ...options, source: () => ({ eur: 9 }) }).get()).resolves.toEqual({ eur: 1.1 })
    await writeFile(join(directory, 'rates.json'), '{"storedAt":')
    await expect(createCachedValue({ ...options, source: () => ({ eur: 1.2 }) }).get()).resolves.toEqual({ eur: 1.2 })
    expect(JSON.parse(await readFile(join(directory, 'rates.json'), 'utf8'))).toEqual({ storedAt: 5000, value: '{"eur":1.2}' })
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('writes through a temp file named with the process id and a random part, then renames it', async () => {
    const store = fileStore({ directory })
    const seen: string[] = []
    // Two writes of the same key at once: each has its own temp file, and the survivor parses.
    const watcher = (async () => {
      for (let i = 0; i < 50; i++) {
        seen.push(...(await readdir(directory).catch(() => [] as string[])))
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.write('k', JSON.stringify({ writer: i, pad: 'x'.repeat(10_000) }))))
    await watcher
    const temps = seen.filter((name) => name.endsWith('.tmp'))
    for (const name of temps) expect(name).toMatch(new RegExp(`^k\\.json\\.${process.pid}-[0-9a-f-]{36}\\.tmp$`))
    expect(JSON.parse((await store.read('k')) as string)).toHaveProperty('writer')
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('rejects a missing directory with a named error', () => {
    expect(() => fileStore({} as never)).toThrow(/fileStore\(\): directory must be a non-empty path, got `undefined` \(undefined\)/)
  })
})
