/**
 * The few IndexedDB shapes {@link indexedDbStore} touches, written out
 * structurally so the published declarations need no DOM lib: a Node-only or
 * Deno project (no `IDBFactory` in its globals) type-checks with
 * `skipLibCheck: false`. The browser's `indexedDB` (and fake-indexeddb)
 * satisfy them as they are.
 * @module
 */

/** An event handler slot; the store never reads the event, so any handler type fits. */
export type IDBHandlerLike = ((event: never) => unknown) | null

/** The part of an `IDBRequest` the store uses. */
export interface IDBRequestLike<T> {
  readonly result: T
  readonly error: unknown
  onsuccess: IDBHandlerLike
  onerror: IDBHandlerLike
}

/** The part of an `IDBOpenDBRequest` the store uses. */
export interface IDBOpenRequestLike extends IDBRequestLike<IDBDatabaseLike> {
  onupgradeneeded: IDBHandlerLike
}

/** The part of an `IDBObjectStore` the store uses: text values under string keys. */
export interface IDBObjectStoreLike {
  get(key: string): IDBRequestLike<unknown>
  put(value: string, key: string): IDBRequestLike<unknown>
  delete(key: string): IDBRequestLike<unknown>
}

/** The part of an `IDBDatabase` the store uses. */
export interface IDBDatabaseLike {
  readonly version: number
  readonly objectStoreNames: { contains(name: string): boolean }
  createObjectStore(name: string): unknown
  transaction(storeName: string, mode: 'readonly' | 'readwrite'): { objectStore(name: string): IDBObjectStoreLike }
  close(): void
  onversionchange: IDBHandlerLike
}

/** An IndexedDB factory: the browser's `indexedDB`, or any object with the same `open()`. */
export interface IDBFactoryLike {
  open(name: string, version?: number): IDBOpenRequestLike
}
