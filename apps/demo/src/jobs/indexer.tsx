import { useEffect, useRef, useState, type ReactNode } from 'react'
import { consoleLogger, getDefaultRegistry, sleep } from '@tickwork/core'
import { createTriggerQueue, type TriggerKeyState, type TriggerQueue } from '@tickwork/core/queue'
import { JobCard } from '../components/job-card.tsx'
import { clockTime, duration } from '../format.ts'

/** Name of the queue's worker task in the registry (and the panel). */
export const INDEXER_NAME = 'search-indexer'
/** A document is re-indexed after this many edits… */
export const INDEX_AFTER_EDITS = 3
/** …or, with at least one edit, once its index is this old: a timer queues it, no further edit needed. */
export const INDEX_STALE_MS = 15_000
/** Few slots on purpose, so "Edit all" shows the queue dropping keys. */
export const INDEX_QUEUE_SIZE = 2
/** Documents indexed at once (one job per document at a time). */
export const INDEX_CONCURRENCY = 2
/** A build that takes longer is aborted (its signal says TimeoutError) and recorded as failed; the queue moves on. */
export const INDEX_TIMEOUT_MS = 5_000
/** What one (simulated) index build costs, so pending and running keys can be seen. */
const INDEX_WORK_MS = 900

const DOCS = [
  { id: 'getting-started', title: 'Getting started', text: 'install the runtime and start a periodic task' },
  { id: 'pricing', title: 'Pricing', text: 'plans billing invoices and usage limits' },
  { id: 'api', title: 'API reference', text: 'createTask registry trigger queue cached value' },
  { id: 'changelog', title: 'Changelog', text: 'fixed timers added cron schedules' },
  { id: 'faq', title: 'FAQ', text: 'why does my task run twice in strict mode' },
] as const

type DocId = (typeof DOCS)[number]['id']

/** Words an edit appends, in turn, so the search can show what the index has not caught up with yet. */
const WORDS = ['latency', 'webhooks', 'quota', 'retries', 'offline', 'billing', 'tokens', 'locale']

function terms(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length > 1))
}

function initialTexts(): Record<DocId, string> {
  return Object.fromEntries(DOCS.map((doc) => [doc.id, doc.text])) as Record<DocId, string>
}

/**
 * A document's state in words. A key at or over the size threshold that is
 * neither pending nor running can only have been dropped by a full queue.
 */
function docLabel(state: TriggerKeyState | undefined, position: number): string {
  if (state === undefined) return 'indexed'
  if (state.running) return 'indexing…'
  if (state.pending) return `queued #${position + 1}`
  if (state.count >= INDEX_AFTER_EDITS) return 'dropped: queue full'
  return state.count > 0 ? 'waiting' : 'indexed'
}

/**
 * A search indexer on a trigger queue: each edit of a document calls
 * `notify(id)`; a document is re-indexed after {@link INDEX_AFTER_EDITS} edits,
 * or once its index is {@link INDEX_STALE_MS} old with an edit pending.
 * {@link INDEX_CONCURRENCY} documents are indexed at once, each build limited
 * to {@link INDEX_TIMEOUT_MS}. Pending documents are never queued twice, and
 * at most {@link INDEX_QUEUE_SIZE} wait: beyond that the queue drops (counts
 * and warns), keeping the edit count.
 */
export function IndexerJob(): ReactNode {
  const [queue, setQueue] = useState<TriggerQueue<DocId> | null>(null)
  const [texts, setTexts] = useState(initialTexts)
  const textsRef = useRef(texts)
  textsRef.current = texts
  // The search index itself: what the worker built, not what the documents say now.
  const index = useRef(new Map<DocId, Set<string>>(DOCS.map((doc) => [doc.id, terms(doc.text)])))
  const edits = useRef(0)
  const [, setVersion] = useState(0)
  const rerender = () => setVersion((n) => n + 1)
  // The queue's own warnings (a full queue, a failed job), newest last.
  const [warnings, setWarnings] = useState<string[]>([])
  const warn = (message: string) => setWarnings((list) => [...list, message].slice(-2))
  const [drained, setDrained] = useState<{ ok: boolean; ms: number; left: number } | null>(null)
  const [query, setQuery] = useState('')

  // A queue per mount, made in the effect: StrictMode's mount → unmount →
  // mount then stops and unregisters the first one before the second
  // registers, so the name is never taken twice.
  useEffect(() => {
    const registry = getDefaultRegistry()
    const created = createTriggerQueue<DocId>({
      name: INDEXER_NAME,
      level: 'low',
      sizeThreshold: INDEX_AFTER_EDITS,
      staleAfter: INDEX_STALE_MS,
      staleMinCount: 1,
      maxSize: INDEX_QUEUE_SIZE,
      concurrency: INDEX_CONCURRENCY,
      timeout: INDEX_TIMEOUT_MS,
      registry,
      logger: {
        warn: (message, ...details) => {
          consoleLogger.warn(message, ...details)
          warn(message)
        },
      },
      run: async (id, { signal }) => {
        if (!(await sleep(INDEX_WORK_MS, signal))) return { success: false, message: `aborted: ${(signal.reason as Error | undefined)?.name ?? 'stopped'}` }
        const built = terms(textsRef.current[id])
        index.current.set(id, built)
        return { message: `${built.size} terms`, extra: { terms: built.size } }
      },
    })
    // Every queue event (queued, dropped, job started or finished, stopped) is a change to show.
    const unsubscribe = created.subscribe(rerender)
    setQueue(created)
    return () => {
      unsubscribe()
      void created.stop({ timeout: 0 })
      if (registry.get(INDEXER_NAME) === created.task) registry.unregister(INDEXER_NAME)
    }
  }, [])

  const edit = (id: DocId) => {
    if (queue === null) return
    const word = WORDS[edits.current++ % WORDS.length] ?? 'edit'
    textsRef.current = { ...textsRef.current, [id]: `${textsRef.current[id]} ${word}` }
    setTexts(textsRef.current)
    queue.notify(id)
    rerender()
  }
  const editAll = () => {
    for (let i = 0; i < INDEX_AFTER_EDITS; i++) for (const doc of DOCS) edit(doc.id)
  }
  const drain = async () => {
    if (queue === null) return
    const started = performance.now()
    try {
      const ok = await queue.drain({ timeout: 5000 })
      setDrained({ ok, ms: performance.now() - started, left: queue.pendingKeys.length })
    } catch (error) {
      warn(String(error))
    }
  }

  if (queue === null) return null
  const status = queue.status()
  const pending = queue.pendingKeys
  const word = query.trim().toLowerCase()
  const hits = word === '' ? [] : DOCS.filter((doc) => index.current.get(doc.id)?.has(word))
  const unindexed = word === '' ? [] : DOCS.filter((doc) => terms(texts[doc.id]).has(word) && !hits.includes(doc))

  return (
    <JobCard
      task={queue.task}
      state={status.state}
      title="Search indexer"
      description={`Low: a trigger queue. Each edit calls notify(doc); a document is re-indexed after ${INDEX_AFTER_EDITS} edits, or once its index is ${duration(INDEX_STALE_MS)} old with an edit pending. ${INDEX_CONCURRENCY} at a time, ${duration(INDEX_TIMEOUT_MS)} each at most. At most ${INDEX_QUEUE_SIZE} wait; a dropped one keeps its count and goes on its next edit.`}
      actions={
        <span className="row">
          <button type="button" className="chip" onClick={editAll}>
            Edit all ×{INDEX_AFTER_EDITS}
          </button>
          <button type="button" className="chip" onClick={() => void drain()}>
            Drain
          </button>
        </span>
      }
    >
      <div className="row indexer-queue" data-testid="indexer-pending">
        <span className="muted">queue</span>
        {pending.length === 0 ? (
          <span className="muted">empty</span>
        ) : (
          pending.map((id) => (
            <span key={id} className="key-chip">
              {id}
            </span>
          ))
        )}
        <span className="muted">
          {pending.length}/{INDEX_QUEUE_SIZE}
        </span>
        <span className="muted" data-testid="indexer-status">
          {status.running.length}/{status.concurrency} running{status.droppedCount > 0 && ` · ${status.droppedCount} dropped`}
        </span>
        {drained !== null && (
          <span className="pending" data-testid="indexer-drain">
            {drained.ok ? `drained in ${duration(drained.ms)}` : `drain timed out, ${drained.left} left`}
          </span>
        )}
      </div>
      <table className="docs">
        <thead>
          <tr>
            <th>document</th>
            <th>edits</th>
            <th>state</th>
            <th>last indexed</th>
            <th>last result</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {DOCS.map((doc) => {
            const state = queue.state(doc.id)
            const label = docLabel(state, pending.indexOf(doc.id))
            const result = state?.lastResult
            return (
              <tr key={doc.id} data-testid={`doc-${doc.id}`} data-doc-state={label.split(/[ :…]/)[0]}>
                <td>{doc.title}</td>
                <td>
                  <span data-testid={`doc-count-${doc.id}`}>{state?.count ?? 0}</span>
                  <span className="muted">/{INDEX_AFTER_EDITS}</span>
                </td>
                <td className={`doc-state doc-${label.split(/[ :…]/)[0]}`}>{label}</td>
                <td className="muted">{state?.lastRunAt == null ? '—' : clockTime(state.lastRunAt)}</td>
                <td className={result == null ? 'muted' : result.success ? 'ok' : 'bad'}>{result == null ? '—' : `${result.message} · ${duration(result.durationMs)}`}</td>
                <td>
                  <button type="button" className="chip" onClick={() => edit(doc.id)} aria-label={`Edit ${doc.title}`}>
                    Edit
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <div className="row">
        <input className="search" type="search" placeholder="search the index, e.g. latency" value={query} onChange={(event) => setQuery(event.target.value)} aria-label="Search the index" />
        <span className="muted" data-testid="indexer-hits">
          {word === '' ? '' : hits.length === 0 ? 'no hits' : `found in ${hits.map((doc) => doc.title).join(', ')}`}
          {unindexed.length > 0 && ` · not indexed yet: ${unindexed.map((doc) => doc.title).join(', ')}`}
        </span>
      </div>
      {warnings.length > 0 && (
        <p className="reason" data-testid="indexer-warning">
          {warnings.map((message, i) => (
            <span key={i} className="warning-line">
              {message}
            </span>
          ))}
        </p>
      )}
    </JobCard>
  )
}
