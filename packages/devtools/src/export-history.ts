import type { TaskView } from '@tickwork/core/bridge'

/** The JSON document "export history" saves: the task's config, status and runs. */
export function historyDocument(view: TaskView, exportedAt: number): string {
  return JSON.stringify(
    { tickwork: 'history', version: 1, exportedAt: new Date(exportedAt).toISOString(), task: view.status.name, config: view.config, status: view.status, history: view.history },
    null,
    2,
  )
}

/**
 * Saves a task's history as `<name>-history.json` through a Blob and an object
 * URL. The URL is revoked on the next turn: revoking at once can cancel the
 * download in some browsers.
 */
export function downloadHistory(view: TaskView, exportedAt: number = Date.now(), doc: Document = document): void {
  const blob = new Blob([historyDocument(view, exportedAt)], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const link = doc.createElement('a')
  link.href = url
  link.download = `${view.status.name.replace(/[^\w.-]+/g, '_')}-history.json`
  link.style.display = 'none'
  doc.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
