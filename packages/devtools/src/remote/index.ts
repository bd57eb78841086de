/**
 * Remote registries: a registry in a Web Worker or another tab as a
 * `RegistrySource` for the panel.
 * @module
 */
export { connectRegistry, type ConnectOptions, type RemoteRegistrySource } from './connect-registry.ts'
