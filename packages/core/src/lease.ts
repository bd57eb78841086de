/**
 * Leases for `exclusive` tasks (types in `types.ts`): see {@link Lease}.
 * @module
 */
export { LEASE_BRAND } from './brand.ts'
export type { Lease, LeaseEvents, LeaseSession } from './types.ts'
