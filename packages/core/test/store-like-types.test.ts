import { describe, expectTypeOf, it } from 'vitest'
import type { IDBFactoryLike } from '../src/stores/indexeddb-like.ts'
import type { StorageLike } from '../src/stores/web-storage-store.ts'

// The structural store types keep the published declarations free of the DOM
// lib; these checks (run by the typecheck suite, which has the DOM lib) make
// sure the browser's own objects still fit them.
describe('structural store types', () => {
  it('accept the DOM IndexedDB factory', () => {
    expectTypeOf<IDBFactory>().toExtend<IDBFactoryLike>()
  })

  it('accept localStorage and sessionStorage', () => {
    expectTypeOf<Storage>().toExtend<StorageLike>()
  })
})
