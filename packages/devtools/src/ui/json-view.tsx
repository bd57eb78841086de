import type { ReactElement } from 'react'

/** A value parsed from a string that holds JSON (`extra` values are strings), or the string itself. */
export function parseIfJson(value: string): unknown {
  const text = value.trim()
  if (!(text.startsWith('{') && text.endsWith('}')) && !(text.startsWith('[') && text.endsWith(']'))) return value
  try {
    return JSON.parse(text) as unknown
  } catch {
    return value
  }
}

function Leaf({ value }: { value: unknown }): ReactElement {
  if (value === null || value === undefined) return <span className="j-null">{String(value)}</span>
  if (typeof value === 'string') return <span className="j-str">"{value}"</span>
  if (typeof value === 'number' || typeof value === 'bigint') return <span className="j-num">{String(value)}</span>
  if (typeof value === 'boolean') return <span className="j-bool">{String(value)}</span>
  return <span className="j-null">{String(value)}</span>
}

function Node({ name, value, depth, open }: { name: string; value: unknown; depth: number; open: boolean }): ReactElement {
  if (value === null || typeof value !== 'object') {
    return (
      <div className="j-row">
        <span className="j-key">{name}</span>: <Leaf value={value} />
      </div>
    )
  }
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value as Record<string, unknown>)
  const kind = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`
  // Deep or cyclic data stops here rather than growing without end.
  if (depth > 8) return <div className="j-row"><span className="j-key">{name}</span>: <span className="j-null">{kind} …</span></div>
  return (
    <details className="j-node" open={open}>
      <summary>
        <span className="j-key">{name}</span> <span className="j-kind">{kind}</span>
      </summary>
      <div className="j-children">
        {entries.map(([key, item]) => (
          <Node key={key} name={key} value={item} depth={depth + 1} open={depth < 1} />
        ))}
      </div>
    </details>
  )
}

/**
 * An expandable tree of a value: objects and arrays fold (`<details>`, so
 * the keyboard opens them too), the first level starts open.
 */
export function JsonView({ value, label }: { value: unknown; label: string }): ReactElement {
  return (
    <div className="json" role="group" aria-label={label}>
      <Node name={label} value={value} depth={0} open />
    </div>
  )
}
