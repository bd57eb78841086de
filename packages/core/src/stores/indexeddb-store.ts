import { describeValue, InvalidOptionError, prefix, TickworkError } from '../errors.ts'
import type { IDBDatabaseLike, IDBFactoryLike, IDBObjectStoreLike, IDBRequestLike } from './indexeddb-like.ts'
import type { CacheStore } from './store.ts'

/** Options of {@link indexedDbStore}. */
export interface IndexedDbStoreOptions {
  /** Database name. Default `'tickwork'`. */
  database?: string
  /** Object store name inside it. Default `'cache'`. */
  objectStore?: string
  /** The IndexedDB factory. Default: `globalThis.indexedDB`, looked up on first use. */
  indexedDB?: IDBFactoryLike
}

function request<T>(req: IDBRequestLike<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new TickworkError(`${prefix('indexedDbStore()')}request failed`))
  })
}

/**
 * A store in IndexedDB, for values too large for Web Storage and available in
 * Web Workers. The database opens on first use and stays open; if another tab
 * upgrades it, this connection closes and the next call reopens.
 *
 * @example
 * const catalog = createCachedValue({ source: loadCatalog, expire: 3_600_000, store: indexedDbStore(), key: 'catalog' })
 */
export function indexedDbStore(options: IndexedDbStoreOptions = {}): CacheStore {
  const database = options.database ?? 'tickwork'
  const objectStore = options.objectStore ?? 'cache'
  for (const [name, value] of [['database', database], ['objectStore', objectStore]] as const) {
    if (typeof value !== 'string' || value === '') {
      throw new InvalidOptionError(`${prefix('indexedDbStore()')}${name} must be a non-empty string, got ${describeValue(value)}`)
    }
  }
  let opening: Promise<IDBDatabaseLike> | undefined

  const open = (): Promise<IDBDatabaseLike> => {
    opening ??= new Promise<IDBDatabaseLike>((resolve, reject) => {
      const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactoryLike }).indexedDB
      if (factory === undefined) throw new TickworkError(`${prefix('indexedDbStore()')}no indexedDB in this runtime; pass { indexedDB }`)
      const req = factory.open(database)
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(objectStore)) req.result.createObjectStore(objectStore)
      }
      req.onsuccess = () => {
        const db = req.result
        if (!db.objectStoreNames.contains(objectStore)) {
          // The database exists without our store: bump the version to add it.
          const version = db.version + 1
          db.close()
          const upgrade = factory.open(database, version)
          upgrade.onupgradeneeded = () => upgrade.result.createObjectStore(objectStore)
          upgrade.onsuccess = () => resolve(upgrade.result)
          upgrade.onerror = () => reject(upgrade.error)
          return
        }
        resolve(db)
      }
      req.onerror = () => reject(req.error)
    }).then((db) => {
      db.onversionchange = () => {
        db.close()
        opening = undefined
      }
      return db
    })
    // A failed open is retried on the next call instead of failing forever.
    opening.catch(() => {
      opening = undefined
    })
    return opening
  }

  const withStore = async <T>(mode: 'readonly' | 'readwrite', use: (store: IDBObjectStoreLike) => IDBRequestLike<T>): Promise<T> => {
    const db = await open()
    return request(use(db.transaction(objectStore, mode).objectStore(objectStore)))
  }

  return {
    description: `IndexedDB "${database}/${objectStore}"`,
    read: async (key) => {
      const value = await withStore<unknown>('readonly', (store) => store.get(key))
      if (value === undefined || typeof value === 'string') return value
      throw new TickworkError(`${prefix('indexedDbStore()')}expected text under "${key}", got ${describeValue(value)}`)
    },
    write: async (key, text) => {
      await withStore('readwrite', (store) => store.put(text, key))
    },
    delete: async (key) => {
      await withStore('readwrite', (store) => store.delete(key))
    },
  }
}
