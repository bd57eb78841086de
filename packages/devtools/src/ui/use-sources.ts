import { getDefaultRegistry, type TaskRegistry } from '@tickwork/core'
import { localSource, type RegistrySource } from '@tickwork/core/bridge'
import { useMemo, useRef } from 'react'
import { createSourceStore, type SourceStore } from '../store/source-store.ts'
import type { FrameScheduler } from '../store/frame.ts'

const localSources = new WeakMap<TaskRegistry, RegistrySource>()

function sourceOf(registry: TaskRegistry): RegistrySource {
  let source = localSources.get(registry)
  if (source === undefined) {
    source = localSource(registry)
    localSources.set(registry, source)
  }
  return source
}

/**
 * The sources to show: `registry` (or the default one) unless only `sources`
 * are given, then `sources`. An inline `sources={[a, b]}` array is compared by
 * its items, so a re-render does not reconnect everything.
 */
export function useSourceStores(registry: TaskRegistry | undefined, sources: readonly RegistrySource[] | undefined, scheduleFrame: FrameScheduler): readonly SourceStore[] {
  const list: RegistrySource[] = []
  if (registry !== undefined || sources === undefined || sources.length === 0) list.push(sourceOf(registry ?? getDefaultRegistry()))
  if (sources !== undefined) list.push(...sources)
  const previous = useRef<RegistrySource[]>(list)
  const same = previous.current.length === list.length && previous.current.every((source, index) => source === list[index])
  if (!same) previous.current = list
  const stable = previous.current
  return useMemo(() => stable.map((source) => createSourceStore(source, { scheduleFrame })), [stable, scheduleFrame])
}
