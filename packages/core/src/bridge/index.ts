/**
 * The bridge: a registry in a Web Worker or another tab, seen and controlled
 * from here. `exposeRegistry` is the serving side; `connectRegistry` in
 * `@tickwork/devtools` is the client.
 * @module
 */
export { exposeRegistry, type ExposeOptions, type RegistryExposure } from './expose.ts'
export { isBridgePort, type BridgePort } from './port.ts'
export {
  BRIDGE_PROTOCOL,
  BRIDGE_VERSION,
  envelope as bridgeMessage,
  parseClientMessage,
  parseServerMessage,
  type ClientMessage,
  type Parsed as ParsedBridgeMessage,
  type ServerMessage,
} from './protocol.ts'
export {
  applyTaskAction,
  FACET_ACTIONS,
  localSource,
  taskView,
  TASK_ACTIONS,
  type FacetCommand,
  type RegistrySource,
  type RunnerRole,
  type SourceAction,
  type SourceChange,
  type TaskAction,
  type TaskView,
} from '../registry-source.ts'
export type { CacheStatus, FacetAction, FacetStatus, QueueStatus } from '../types.ts'
export { describeValue } from '../errors.ts'
export { LEVELS } from '../levels.ts'
