import type { FormEvent, ReactElement } from 'react'
import { useState } from 'react'
import { formatDuration, formatTime } from '../format.ts'
import type { QueueStatus } from '../facet/facet-types.ts'
import { useNow } from '../facet/use-now.ts'
import { FacetControls, type FacetButton } from './facet-controls.tsx'
import { FacetTable, type FacetColumn } from './facet-table.tsx'
import { useSourceStore } from './source-context.tsx'

function NotifyForm({ name }: { name: string }): ReactElement {
  const { control } = useSourceStore()
  const [key, setKey] = useState('')
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (key === '') return
    control(name, { type: 'facet', action: 'notify', arg: key })
    setKey('')
  }
  const id = `tw-notify-${name.replace(/[^\w-]/g, '_')}`
  return (
    <form className="notify" onSubmit={submit}>
      <label htmlFor={id} className="dim">
        key
      </label>
      <input id={id} className="notify-key" value={key} placeholder="key" aria-label={`Key to notify (${name})`} onChange={(event) => setKey(event.target.value)} />
      <button type="submit" className="btn btn-notify" disabled={key === ''} aria-label={`Notify the queue of a key (${name})`} title="notify(key): count the key as pending">
        Notify
      </button>
    </form>
  )
}

const key: FacetColumn<{ key: string }> = { head: 'key', cell: (entry) => <span className="mono">{entry.key}</span> }

const RESULT_COLUMNS: readonly FacetColumn<QueueStatus['results'][number]>[] = [
  key,
  { head: 'result', cell: (result) => <span className={`result ${result.success ? 'ok' : 'fail'}`}>{result.success ? 'ok' : 'failed'}</span> },
  { head: 'took', num: true, cell: (result) => formatDuration(result.durationMs) },
  { head: 'at', cell: (result) => <span className="mono">{formatTime(result.at)}</span> },
  {
    head: 'message',
    cell: (result) => (
      <span className="msg" title={result.message}>
        {result.message}
      </span>
    ),
  },
]

/**
 * A trigger queue as a queue: what is pending (with counts and age), what
 * runs, what was dropped and the last result per key, with drain, stop,
 * notify(key) and clear dropped.
 */
export function QueueView({ name, queue }: { name: string; queue: QueueStatus }): ReactElement {
  const now = useNow()
  const ago = (at: number): string => formatDuration(Math.max(0, now - at))
  const buttons: FacetButton[] = [
    { action: 'drain', text: 'Drain', long: 'Drain: run every pending key now', enabled: queue.state !== 'stopped' && queue.pending.length > 0 },
    { action: 'stop', text: 'Stop queue', long: 'Stop the queue (pending keys wait)', enabled: queue.state !== 'stopped' },
    { action: 'clearDropped', text: 'Clear dropped', long: 'Clear the dropped keys', enabled: queue.droppedCount > 0 || queue.dropped.length > 0 },
  ]
  return (
    <section className="facet queue" aria-label={`Queue ${name}`}>
      <h3 className="facet-title">
        Queue <span className={`facet-state q-${queue.state}`}>{queue.state}</span>
      </h3>
      <dl className="facet-stats">
        <div title="Keys waiting to run, of the most the queue holds">
          <dt>pending</dt>
          <dd>
            {queue.pending.length} / {queue.maxSize}
          </dd>
        </div>
        <div title="Keys whose job is in flight, of the most that run at once">
          <dt>running</dt>
          <dd>
            {queue.running.length} / {queue.concurrency}
          </dd>
        </div>
        <div title="Keys dropped because the queue was full, in all">
          <dt>dropped</dt>
          <dd className={queue.droppedCount > 0 ? 'failed-count' : undefined}>{queue.droppedCount}</dd>
        </div>
      </dl>
      <FacetControls name={name} label="Queue" buttons={buttons}>
        <NotifyForm name={name} />
      </FacetControls>
      <div className="facet-grid">
        <FacetTable
          caption="Pending"
          label="Pending keys"
          columns={[key, { head: 'count', num: true, cell: (entry) => entry.count }, { head: 'age', num: true, cell: (entry) => ago(entry.since) }]}
          rows={queue.pending}
          rowKey={(entry) => entry.key}
          empty="Nothing pending."
        />
        <FacetTable caption="Running" label="Running keys" columns={[key, { head: 'for', num: true, cell: (entry) => ago(entry.startedAt) }]} rows={queue.running} rowKey={(entry) => entry.key} empty="Nothing running." />
        <FacetTable
          caption={<>Dropped{queue.droppedCount > queue.dropped.length ? <span className="dim"> (latest {queue.dropped.length} of {queue.droppedCount})</span> : null}</>}
          label="Dropped keys"
          columns={[key, { head: 'ago', num: true, cell: (entry) => ago(entry.at) }]}
          rows={queue.dropped}
          rowKey={(entry, index) => `${entry.key}-${entry.at}-${index}`}
          empty="Nothing dropped."
        />
        <FacetTable
          wide
          caption="Last results"
          label="Last result per key"
          columns={RESULT_COLUMNS}
          rows={queue.results}
          rowKey={(result) => result.key}
          rowClass={(result) => (result.success ? 'ok' : 'fail')}
          empty="No results yet."
        />
      </div>
    </section>
  )
}
