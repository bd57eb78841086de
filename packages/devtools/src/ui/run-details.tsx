import type { RunSummary } from '@tickwork/core'
import type { ReactElement } from 'react'
import { useState } from 'react'
import { copyText, runDocument } from '../copy-text.ts'
import { Icon } from './icons.tsx'
import { JsonView, parseIfJson } from './json-view.tsx'
import { StackView } from './stack-view.tsx'

/** Fields of a recorded error beyond name, message and stack: its `cause` chain and whatever else the error carried. */
function errorExtras(error: NonNullable<RunSummary['error']>): Record<string, unknown> | null {
  const { name: _name, message: _message, stack: _stack, ...rest } = error as Record<string, unknown>
  return Object.keys(rest).length === 0 ? null : rest
}

/** A run opened in the history: its error and trimmed stack, its `extra` as a tree, and a copy button. */
export function RunDetails({ task, run }: { task: string; run: RunSummary }): ReactElement {
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null)
  const extras = run.error === undefined ? null : errorExtras(run.error)
  const extra = Object.fromEntries(Object.entries(run.extra).map(([key, value]) => [key, parseIfJson(value)]))
  const copy = (doc: Document): void => {
    void copyText(runDocument(task, run), doc).then((done) => setCopied(done ? 'copied' : 'failed'))
  }
  return (
    <div className={`run-details${run.success ? '' : ' error-box'}`} role="region" aria-label={`${run.success ? 'Details' : 'Error'} of run ${run.runIndex}`}>
      {run.success ? null : (
        <>
          <div className="error-title">
            <strong>{run.error?.name ?? 'Failed'}</strong>: {run.error?.message ?? run.message}
          </div>
          {run.error?.stack ? <StackView stack={run.error.stack} /> : <div className="dim">No stack recorded.</div>}
          {extras !== null ? <JsonView value={extras} label="error fields" /> : null}
        </>
      )}
      {run.message !== '' ? <div className="run-message">{run.message}</div> : null}
      {Object.keys(extra).length > 0 ? <JsonView value={extra} label="extra" /> : <div className="dim">No extra recorded.</div>}
      <div className="run-actions">
        <button type="button" className="btn btn-copy" aria-label={`Copy run ${run.runIndex} as JSON`} onClick={(event) => copy(event.currentTarget.ownerDocument)}>
          <Icon name={copied === 'copied' ? 'check' : 'copy'} /> Copy JSON
        </button>
        <span className="dim" role="status">
          {copied === 'copied' ? 'Copied to the clipboard' : copied === 'failed' ? 'The clipboard is not available here' : ''}
        </span>
      </div>
    </div>
  )
}
