import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/*
 * The import structure, read with the TypeScript parser: every relative
 * import and re-export of packages/*\/src, type-only ones included (a type
 * cycle is still a cycle to a reader and to declaration builds).
 */
const root = resolve(import.meta.dirname, '../../..')

function sourcesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourcesOf(path)
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false)
  const found: string[] = []
  for (const statement of source.statements) {
    const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) found.push(resolve(dirname(file), specifier.text))
  }
  return found
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0
  const stack: string[] = []
  const onStack = new Set<string>()
  const indices = new Map<string, number>()
  const low = new Map<string, number>()
  const found: string[][] = []
  const visit = (node: string): void => {
    indices.set(node, index)
    low.set(node, index++)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue
      if (!indices.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) as number, indices.get(next) as number))
    }
    if (low.get(node) !== indices.get(node)) return
    const component: string[] = []
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member)
      component.push(member)
      if (member === node) break
    }
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.map((file) => relative(root, file)).sort())
  }
  for (const node of graph.keys()) if (!indices.has(node)) visit(node)
  return found
}

const graph = new Map<string, string[]>()
for (const pkg of ['core', 'react', 'devtools']) for (const file of sourcesOf(join(root, 'packages', pkg, 'src'))) graph.set(file, importsOf(file))
const core = (name: string): string => join(root, 'packages/core/src', name)

/** Every file `start` imports, directly or through others, itself included. */
function reach(start: string): Set<string> {
  const seen = new Set<string>()
  const walk = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    for (const next of graph.get(file) ?? []) walk(next)
  }
  walk(start)
  return seen
}

describe('import structure', () => {
  it('has no import cycle in packages/*/src', () => {
    expect(graph.size).toBeGreaterThan(50)
    expect(cycles(graph)).toEqual([])
  })

  it('finds a cycle when there is one (the checker itself works)', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])).map((c) => c.length)).toEqual([3])
  })

  it('keeps the kernel free of features: loop, task and registry reach no plugin, tick, bridge, queue or cache', () => {
    for (const kernel of ['kernel.ts', 'task.ts', 'loop.ts', 'registry.ts']) {
      const reached = [...reach(core(kernel))].map((file) => relative(core(''), file))
      expect(reached.filter((file) => /^(plugins|tick|bridge|adapters|stores|exclusive)\/|^(trigger-queue|cached-value|visibility|post-task|exclusive|shutdown|cron)\.ts$/.test(file))).toEqual([])
    }
  })

  it('keeps the main entry to the task API: the queue, the cache, its stores and shutdown are reached only from their own entries', () => {
    const reached = [...reach(core('index.ts'))].map((file) => relative(core(''), file))
    expect(reached).toContain('create-task.ts')
    expect(reached.filter((file) => /^(trigger-queue|cached-value|stores)\/|^(trigger-queue|cached-value|queue|cache|shutdown|shutdown-entry|platform)\.ts$/.test(file))).toEqual([])
    const entries: Record<string, string[]> = {
      'queue.ts': ['trigger-queue.ts'],
      'cache.ts': ['cached-value.ts', 'stores/memory-store.ts', 'stores/web-storage-store.ts', 'stores/indexeddb-store.ts'],
      'shutdown-entry.ts': ['shutdown.ts', 'platform.ts'],
    }
    for (const [entry, features] of Object.entries(entries)) {
      expect([...reach(core(entry))].map((file) => relative(core(''), file))).toEqual(expect.arrayContaining(features))
    }
  })

  it('keeps types.ts free of runtime imports', () => {
    const source = ts.createSourceFile('types.ts', readFileSync(core('types.ts'), 'utf8'), ts.ScriptTarget.Latest, false)
    const runtime = source.statements.filter((s) => ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly)
    expect(runtime).toEqual([])
  })
})
