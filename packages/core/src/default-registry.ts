import { TaskRegistry } from './task-registry.ts'

const KEY = Symbol.for('tickwork.registry')

/**
 * The registry of this JavaScript realm, made on first use and kept on
 * `globalThis` under `Symbol.for('tickwork.registry')`, so two copies of the
 * package (a bundled one and a linked one) share it.
 */
export function getDefaultRegistry(): TaskRegistry {
  const holder = globalThis as { [KEY]?: TaskRegistry }
  holder[KEY] ??= new TaskRegistry()
  return holder[KEY]
}
