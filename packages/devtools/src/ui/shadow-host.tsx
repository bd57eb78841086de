import type { ReactElement, ReactNode } from 'react'
import { useLayoutEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { PANEL_CSS } from './styles.ts'

/** Props of {@link ShadowHost}. */
export interface ShadowHostProps {
  /** CSP nonce put on the one `<style>` element. */
  nonce: string | undefined
  /** `embed` fills its parent; `float` lays out nothing (its children are `position: fixed`). */
  mode: 'embed' | 'float'
  /** `light` or `dark`, already resolved from `system`. */
  theme: 'light' | 'dark'
  children: ReactNode
}

/**
 * Renders its children into an open shadow root holding one `<style>`, so
 * the panel's styles and the page's never meet. The shadow root is made in a
 * layout effect: on the server (and in the first client render) nothing is
 * rendered inside, which keeps hydration and `renderToString` safe.
 */
export function ShadowHost({ nonce, mode, theme, children }: ShadowHostProps): ReactElement {
  const hostRef = useRef<HTMLDivElement>(null)
  const [container, setContainer] = useState<HTMLElement | null>(null)

  useLayoutEffect(() => {
    const host = hostRef.current
    if (host === null) return
    // StrictMode runs this twice on one element; a host can have one shadow root only.
    const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' })
    const style = host.ownerDocument.createElement('style')
    if (nonce !== undefined) {
      style.setAttribute('nonce', nonce)
      style.nonce = nonce
    }
    style.textContent = PANEL_CSS
    const mount = host.ownerDocument.createElement('div')
    mount.className = 'tw-root'
    root.append(style, mount)
    setContainer(mount)
    return () => {
      style.remove()
      mount.remove()
      setContainer(null)
    }
  }, [nonce])

  useLayoutEffect(() => {
    container?.setAttribute('data-theme', theme)
  }, [container, theme])

  return (
    <div ref={hostRef} data-tickwork-devtools="" data-mode={mode}>
      {container === null ? null : createPortal(children, container)}
    </div>
  )
}
