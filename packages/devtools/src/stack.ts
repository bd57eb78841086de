/**
 * Error stacks as a developer wants to read them: from their own frame. A
 * failed run's stack starts deep in tickwork's loop (and React's, and the
 * bundler's), which says nothing about the bug.
 */

/** A stack with library frames taken out, and how many were. */
export interface TrimmedStack {
  /** The message lines and the user's frames. */
  text: string
  /** Frames left out. */
  hidden: number
}

// V8 (`    at fn (url:1:2)`) and Firefox/Safari (`fn@url:1:2`) frame lines.
const FRAME = /^\s*at\s|^[^\s@]*@\S+:\d+(?::\d+)?\s*$/

/**
 * Frames that are not the user's code: tickwork itself, in a workspace
 * (`packages/core/`), installed (`@tickwork/…`) or pre-bundled by Vite
 * (`@tickwork_core`), anything else under `node_modules`, and the runtime's own.
 */
const LIBRARY = /node_modules|[\\/]packages[\\/]core[\\/]|@tickwork[\\/_]|node:internal|\(native\)|<anonymous>|^\s*at (?:new )?Promise\b|^\s*at async Promise\.all/

/** True when a stack line is a frame of a library or of the runtime. */
export function isLibraryFrame(line: string): boolean {
  return FRAME.test(line) && LIBRARY.test(line)
}

/**
 * Takes the library frames out of a stack. When every frame is a library's
 * (an error thrown inside tickwork), the stack is kept whole: trimming would leave nothing to read.
 */
export function trimStack(stack: string): TrimmedStack {
  const lines = stack.split('\n')
  const frames = lines.filter((line) => FRAME.test(line))
  const kept = lines.filter((line) => !isLibraryFrame(line))
  const hidden = lines.length - kept.length
  if (hidden === 0 || hidden === frames.length) return { text: stack, hidden: 0 }
  return { text: kept.join('\n'), hidden }
}
