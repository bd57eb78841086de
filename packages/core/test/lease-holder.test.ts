import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { defaultHolderId } from '../src/exclusive/holder.ts'

describe('defaultHolderId()', () => {
  it('is host:pid', () => {
    expect(defaultHolderId()).toBe(`${hostname()}:${process.pid}`)
  })
})
