import { FACET_ACTIONS, type FacetAction, type FacetCommand } from '@tickwork/core/bridge'

export { FACET_ACTIONS, type CacheStatus, type FacetAction, type FacetCommand, type FacetStatus, type QueueStatus, type SourceAction } from '@tickwork/core/bridge'

/** True for a well-formed {@link FacetCommand}. */
export function isFacetCommand(value: unknown): value is FacetCommand {
  if (value === null || typeof value !== 'object') return false
  const { type, action, arg } = value as Record<string, unknown>
  return type === 'facet' && FACET_ACTIONS.includes(action as FacetAction) && (arg === undefined || typeof arg === 'string')
}
