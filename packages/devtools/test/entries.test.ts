import { describe, expect, it } from 'vitest'
import * as main from '../src/index.ts'
import * as production from '../src/production.ts'
import * as store from '../src/store.ts'

describe('entry points', () => {
  it('@tickwork/devtools/production exports exactly what @tickwork/devtools exports', () => {
    expect(Object.keys(production).sort()).toEqual(Object.keys(main).sort())
  })

  it('@tickwork/devtools/store holds the store helpers, which neither panel entry exports', () => {
    expect(Object.keys(store).sort()).toEqual(['createSourceStore', 'manualFrames'])
    for (const name of Object.keys(store)) {
      expect(main).not.toHaveProperty(name)
      expect(production).not.toHaveProperty(name)
    }
  })
})
