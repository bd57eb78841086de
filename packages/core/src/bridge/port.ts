/**
 * What the bridge needs of a channel: a `MessagePort`, a `Worker`, a worker's
 * global scope (`self`) and a `BroadcastChannel` all fit. Declared as methods
 * so the DOM's overloaded signatures are assignable.
 */
export interface BridgePort {
  postMessage(message: unknown): void
  addEventListener(type: 'message' | 'messageerror', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message' | 'messageerror', listener: (event: MessageEvent) => void): void
  /** `MessagePort` queues messages until started; the others have no `start`. */
  start?(): void
}

/** Whether `value` looks like a {@link BridgePort}. */
export function isBridgePort(value: unknown): value is BridgePort {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false
  const port = value as Record<string, unknown>
  return typeof port['postMessage'] === 'function' && typeof port['addEventListener'] === 'function' && typeof port['removeEventListener'] === 'function'
}

/**
 * Listens to `message` and `messageerror` on a port; returns the function
 * that removes both listeners. A `messageerror` (data that could not be
 * deserialised) reaches `onMessage` as `undefined`, which no parser accepts.
 */
export function listen(port: BridgePort, onMessage: (data: unknown) => void): () => void {
  const onData = (event: MessageEvent): void => onMessage(event.data)
  const onError = (): void => onMessage(undefined)
  port.addEventListener('message', onData)
  port.addEventListener('messageerror', onError)
  port.start?.()
  return () => {
    port.removeEventListener('message', onData)
    port.removeEventListener('messageerror', onError)
  }
}

/** Posts without letting a closed or detached port throw into the app; returns false when it threw. */
export function safePost(port: BridgePort, message: unknown): boolean {
  try {
    port.postMessage(message)
    return true
  } catch {
    return false
  }
}

/** A random id for one side of a connection (no crypto needed: ids only tell peers apart). */
export function randomId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}
