// Reads a CDP CPU profile of the bench page: which module each sample's
// function belongs to (from esbuild's `// path` comments in the unminified
// bundle), main-thread busy time, and how much of it is the panel's.
const PANEL = [/packages\/devtools\//, /node_modules\/(react|react-dom|scheduler|zustand|@tanstack\/[^/]+|use-sync-external-store)\//, /packages\/core\/src\/registry-source\.ts/]

/** Line index → module path of an unminified esbuild bundle. */
export function moduleIndex(code) {
  const starts = []
  code.split('\n').forEach((line, index) => {
    const match = /^\s*\/\/ (\S+\.(?:[cm]?[jt]sx?))$/.exec(line)
    if (match) starts.push([index, match[1]])
  })
  return (line) => {
    let low = 0
    let high = starts.length - 1
    let found = '(unknown)'
    while (low <= high) {
      const middle = (low + high) >> 1
      if (starts[middle][0] <= line) {
        found = starts[middle][1]
        low = middle + 1
      } else high = middle - 1
    }
    return found
  }
}

/** True for a module whose time is the panel's (its code, React, zustand, the virtualiser, the view reader). */
export const isPanelModule = (module) => PANEL.some((pattern) => pattern.test(module))

/** Shortens a bundle path for printing: `react-dom/cjs/react-dom-client.production.js`, `devtools/src/ui/task-row.tsx`. */
export const shortModule = (module) => module.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)*packages\//, '')

/**
 * Sums a profile. Each sample counts for one sampling interval (`samplingUs`),
 * not for its time delta: on a loaded machine the renderer is often
 * descheduled, and the delta of the sample after such a gap would charge the
 * whole wait to whatever function happened to be on the stack. Counting
 * samples approximates CPU time instead.
 * Gives `busyMs` (every sample but `(idle)`), `gcMs`, `panelSelfMs`
 * (samples whose own function is panel code), `panelInclusiveMs` (samples
 * with panel code anywhere on their stack: what the panel causes, core calls
 * included), and the top functions and modules by self time.
 */
export function analyzeProfile(profile, moduleOf, samplingUs, top = 25) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const moduleOfNode = (node) => (node.callFrame.lineNumber >= 0 && node.callFrame.url !== undefined ? moduleOf(node.callFrame.lineNumber) : `(${node.callFrame.functionName || 'native'})`)
  const inclusive = new Map()
  const panelOnStack = (id) => {
    if (inclusive.has(id)) return inclusive.get(id)
    const node = byId.get(id)
    const own = node.callFrame.lineNumber >= 0 && isPanelModule(moduleOfNode(node))
    const value = own || (parent.has(id) ? panelOnStack(parent.get(id)) : false)
    inclusive.set(id, value)
    return value
  }
  const totals = { totalMs: 0, busyMs: 0, idleMs: 0, gcMs: 0, programMs: 0, panelSelfMs: 0, panelInclusiveMs: 0, unpositionedMs: 0 }
  const functions = new Map()
  const modules = new Map()
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms)
  const hits = new Map()
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1)
  const sampleMs = samplingUs / 1000
  for (const [id, count] of hits) {
    const node = byId.get(id)
    const name = node.callFrame.functionName
    const ms = count * sampleMs
    totals.totalMs += ms
    if (name === '(idle)') {
      totals.idleMs += ms
      continue
    }
    totals.busyMs += ms
    if (name === '(garbage collector)') totals.gcMs += ms
    if (name === '(program)') totals.programMs += ms
    if (panelOnStack(id)) totals.panelInclusiveMs += ms
    const module = moduleOfNode(node)
    const isJs = node.callFrame.lineNumber >= 0
    // A JS function's own samples carry a source line (positionTicks). Samples on a
    // JS frame without one are the VM or the browser working under that frame (seen
    // on the rAF callback that calls flush), not its code: kept apart, not the panel's.
    const positioned = isJs && node.positionTicks !== undefined ? Math.min(count, node.positionTicks.reduce((sum, tick) => sum + tick.ticks, 0)) : count
    const ownMs = positioned * sampleMs
    if (ownMs < ms) {
      totals.unpositionedMs += ms - ownMs
      add(functions, `(no source line, under ${name || '(anonymous)'} ${shortModule(module)})`, ms - ownMs)
    }
    if (isJs && isPanelModule(module)) totals.panelSelfMs += ownMs
    add(functions, `${name || '(anonymous)'}  ${shortModule(module)}:${node.callFrame.lineNumber + 1}`, ownMs)
    add(modules, shortModule(module), ownMs)
  }
  const sorted = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, ms]) => ({ key, ms }))
  return { ...totals, topFunctions: sorted(functions), topModules: sorted(modules) }
}
