import type { ReactElement } from 'react'
import { useState } from 'react'
import { trimStack } from '../stack.ts'

/** A stack from the user's first frame; the full one, library frames and all, one click away. */
export function StackView({ stack }: { stack: string }): ReactElement {
  const [full, setFull] = useState(false)
  const trimmed = trimStack(stack)
  return (
    <>
      <pre className="stack">{full ? stack : trimmed.text}</pre>
      {trimmed.hidden > 0 ? (
        <button type="button" className="link-btn" aria-pressed={full} onClick={() => setFull((value) => !value)}>
          {full ? 'Show your frames only' : `Show full stack (${trimmed.hidden} library ${trimmed.hidden === 1 ? 'frame' : 'frames'} hidden)`}
        </button>
      ) : null}
    </>
  )
}
