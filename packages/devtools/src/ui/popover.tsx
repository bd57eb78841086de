import type { ReactElement, ReactNode } from 'react'
import { useEffect, useId, useRef, useState } from 'react'

/** Props of {@link Popover}. */
export interface PopoverProps {
  /** The accessible name of the button that opens it. */
  label: string
  /** What the button shows. */
  button: ReactNode
  buttonClassName?: string
  /** Extra class of the popover box (e.g. its alignment). */
  className?: string
  title?: string
  /** The popover's content; `close` shuts it. */
  children: (close: () => void) => ReactNode
}

/**
 * A button that opens a small box under it. It closes on `Escape` (which
 * then does not also close the panel), on a click outside, and gives focus
 * back to its button. Inside a shadow root, "outside" is judged on the
 * composed path: `event.target` would be the shadow host.
 */
export function Popover({ label, button, buttonClassName = 'chip-btn', className, title, children }: PopoverProps): ReactElement {
  const [open, setOpen] = useState(false)
  const id = useId()
  const wrapRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    const doc = wrapRef.current?.ownerDocument
    const onDown = (event: Event): void => {
      const wrap = wrapRef.current
      if (wrap !== null && !event.composedPath().includes(wrap)) setOpen(false)
    }
    doc?.addEventListener('pointerdown', onDown, true)
    return () => doc?.removeEventListener('pointerdown', onDown, true)
  }, [open])

  const close = (): void => {
    setOpen(false)
    buttonRef.current?.focus()
  }
  return (
    <div
      ref={wrapRef}
      className="pop-wrap"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.preventDefault()
          close()
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={buttonClassName}
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        title={title}
        onClick={() => setOpen((value) => !value)}
      >
        {button}
      </button>
      {open ? (
        <div id={id} className={`popover${className === undefined ? '' : ` ${className}`}`} role="group" aria-label={label}>
          {children(close)}
        </div>
      ) : null}
    </div>
  )
}
