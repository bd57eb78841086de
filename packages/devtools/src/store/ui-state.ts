import type { DevtoolsTheme } from '../ui/theme.ts'
import { DEFAULT_QUERY, SHOWN_STATES, SORT_KEYS, type ListQuery } from './filter-sort.ts'

/** Where the panel docks. */
export type PanelPosition = 'top' | 'bottom' | 'left' | 'right'

/** Every {@link PanelPosition}. */
export const PANEL_POSITIONS: readonly PanelPosition[] = ['top', 'bottom', 'left', 'right']

/** Panel UI state kept across reloads. */
export interface UiState {
  open: boolean
  /** Height (top/bottom) or width (left/right) in CSS px. */
  size: number
  position: PanelPosition
  query: ListQuery
  /** The theme picked in the panel's settings; absent until the user picks one (then the `theme` prop applies). */
  theme?: DevtoolsTheme
}

const THEMES: readonly DevtoolsTheme[] = ['light', 'dark', 'system']

/** The localStorage key. */
export const STORAGE_KEY = 'tickwork-devtools'

/** The smallest and largest panel sizes, in px. */
export const MIN_SIZE = 160
export const MAX_SIZE = 2000

/** The part of `Storage` the panel uses. */
export type UiStorage = Pick<Storage, 'getItem' | 'setItem'>

/** `localStorage`, or undefined where it is missing or throws on access (sandboxed iframes, privacy modes). */
export function defaultStorage(): UiStorage | undefined {
  try {
    const storage = (globalThis as { localStorage?: Storage }).localStorage
    return storage ?? undefined
  } catch {
    return undefined
  }
}

const LEVELS = ['all', 'critical', 'high', 'medium', 'low']

function pick<T>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback
}

/**
 * Reads the saved UI state over `fallback`. Anything missing, malformed or
 * unreadable falls back field by field: a bad entry must never break the panel.
 */
export function loadUiState(storage: UiStorage | undefined, fallback: UiState): UiState {
  let saved: Record<string, unknown>
  try {
    const raw = storage?.getItem(STORAGE_KEY)
    const parsed: unknown = raw ? JSON.parse(raw) : null
    if (parsed === null || typeof parsed !== 'object') return fallback
    saved = parsed as Record<string, unknown>
  } catch {
    return fallback
  }
  const query = (typeof saved.query === 'object' && saved.query !== null ? saved.query : {}) as Record<string, unknown>
  const size = typeof saved.size === 'number' && Number.isFinite(saved.size) ? Math.min(MAX_SIZE, Math.max(MIN_SIZE, saved.size)) : fallback.size
  const theme = THEMES.includes(saved.theme as DevtoolsTheme) ? (saved.theme as DevtoolsTheme) : fallback.theme
  return {
    ...(theme !== undefined ? { theme } : {}),
    open: typeof saved.open === 'boolean' ? saved.open : fallback.open,
    size,
    position: pick(saved.position, PANEL_POSITIONS, fallback.position),
    query: {
      text: typeof query.text === 'string' ? query.text : DEFAULT_QUERY.text,
      level: pick(query.level, LEVELS, 'all') as ListQuery['level'],
      state: pick(query.state, ['all', ...SHOWN_STATES], 'all') as ListQuery['state'],
      sort: pick(query.sort, SORT_KEYS, DEFAULT_QUERY.sort),
      descending: typeof query.descending === 'boolean' ? query.descending : false,
    },
  }
}

/** Saves the UI state; a full or forbidden storage is ignored. */
export function saveUiState(storage: UiStorage | undefined, state: UiState): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(state))
  } catch {
    // Quota exceeded or storage disabled: persistence is a convenience only.
  }
}
