/// <reference types="node" />
/**
 * A file-backed store for cached values on Node, Bun and Deno. It is its own
 * entry point (`@tickwork/core/file-store`) so browser bundles never import `fs`.
 * @module
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describeValue, InvalidOptionError, prefix } from '../errors.ts'
import type { CacheStore } from './store.ts'

/** Options of {@link fileStore}. */
export interface FileStoreOptions {
  /** Folder holding one `<key>.json` file per key; made on first write. */
  directory: string
}

let tempCounter = 0

/**
 * A store with one file per key in `directory`. Writes go to a temporary file
 * that is then renamed over the old one, so a crash mid-write never leaves a
 * half-written value (a reader would see the old file or the new one).
 *
 * @example
 * import { fileStore } from '@tickwork/core/file-store'
 * const rates = createCachedValue({ source: fetchRates, expire: 3_600_000, store: fileStore({ directory: '.cache' }), key: 'rates' })
 */
export function fileStore(options: FileStoreOptions): CacheStore {
  const directory = options?.directory
  if (typeof directory !== 'string' || directory === '') {
    throw new InvalidOptionError(`${prefix('fileStore()')}directory must be a non-empty path, got ${describeValue(directory)}`)
  }
  // encodeURIComponent keeps keys like "user/42" inside the folder.
  const pathOf = (key: string): string => join(directory, `${encodeURIComponent(key)}.json`)
  return {
    description: `files in ${directory}`,
    async read(key) {
      try {
        return await readFile(pathOf(key), 'utf8')
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return undefined
        throw error
      }
    },
    async write(key, text) {
      await mkdir(directory, { recursive: true })
      const temp = `${pathOf(key)}.${Date.now()}-${tempCounter++}.tmp`
      try {
        await writeFile(temp, text, 'utf8')
        await rename(temp, pathOf(key))
      } catch (error) {
        await rm(temp, { force: true })
        throw error
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
  }
}
