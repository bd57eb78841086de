/**
 * Puts text on the clipboard: the async Clipboard API where the page may use
 * it, else a hidden textarea and `execCommand('copy')` (older browsers, and
 * pages without clipboard permission). Resolves to false when neither worked.
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  try {
    const clipboard = doc.defaultView?.navigator?.clipboard
    if (clipboard?.writeText !== undefined) {
      await clipboard.writeText(text)
      return true
    }
  } catch {
    // Denied or unfocused: try the old way.
  }
  try {
    const area = doc.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    doc.body.append(area)
    area.select()
    const done = doc.execCommand?.('copy') ?? false
    area.remove()
    return done
  } catch {
    return false
  }
}

/** One run as the JSON "copy" puts on the clipboard. */
export function runDocument(task: string, run: object): string {
  return JSON.stringify({ task, ...run }, null, 2)
}
