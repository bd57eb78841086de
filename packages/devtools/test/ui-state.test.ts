import { describe, expect, it } from 'vitest'
import { DEFAULT_QUERY } from '../src/store/filter-sort.ts'
import { loadUiState, MIN_SIZE, saveUiState, STORAGE_KEY, type UiState } from '../src/store/ui-state.ts'
import { memoryStorage } from './helpers.ts'

const fallback: UiState = { open: false, size: 360, position: 'bottom', query: DEFAULT_QUERY }

describe('UI state persistence', () => {
  it('round-trips open, size, position, filters and sort', () => {
    const storage = memoryStorage()
    const state: UiState = { open: true, size: 420, position: 'right', query: { text: 'sync', level: 'high', state: 'failed', sort: 'failureRate', descending: true } }
    saveUiState(storage, state)
    expect(loadUiState(storage, fallback)).toEqual(state)
  })

  it('remembers a theme picked in the panel, and ignores an unknown one', () => {
    const storage = memoryStorage()
    saveUiState(storage, { ...fallback, theme: 'dark' })
    expect(loadUiState(storage, fallback).theme).toBe('dark')
    expect(loadUiState(memoryStorage({ [STORAGE_KEY]: JSON.stringify({ theme: 'blue' }) }), fallback)).not.toHaveProperty('theme')
  })

  it('falls back field by field on malformed entries', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: JSON.stringify({ open: 'yes', size: -5, position: 'middle', query: { level: 'urgent', sort: 'name', text: 3 } }) })
    expect(loadUiState(storage, fallback)).toEqual({ ...fallback, size: MIN_SIZE })
    expect(loadUiState(memoryStorage({ [STORAGE_KEY]: '{not json' }), fallback)).toBe(fallback)
    expect(loadUiState(memoryStorage({ [STORAGE_KEY]: '42' }), fallback)).toBe(fallback)
    expect(loadUiState(undefined, fallback)).toBe(fallback)
  })

  it('survives storage that throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(loadUiState(throwing, fallback)).toBe(fallback)
    expect(() => saveUiState(throwing, fallback)).not.toThrow()
  })
})
