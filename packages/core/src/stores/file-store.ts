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

/** This process's id, where the runtime has one (Node, Bun, Deno). */
function processId(): number | string {
  const global = globalThis as { process?: { pid?: number }; Deno?: { pid?: number } }
  return global.process?.pid ?? global.Deno?.pid ?? 'p'
}

/** A temp name no other writer picks: the process id (other processes) and a random part (this one). */
function tempName(path: string): string {
  const random = typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : Math.random().toString(36).slice(2)
  return `${path}.${processId()}-${random}.tmp`
}

/**
 * A store with one file per key in `directory`. Writes go to a temporary file
 * (named with the process id and a random part) that is then renamed over the
 * old one. A rename is atomic, so a reader sees the old file or the new one,
 * never a torn one: not after a crash mid-write, and not when several writers
 * (threads or processes) share the folder.
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
      const temp = tempName(pathOf(key))
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
