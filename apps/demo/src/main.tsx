import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app.tsx'
import { installDebugHook } from './debug.ts'
import './styles.css'

if (import.meta.env.DEV) installDebugHook()

const root = document.getElementById('root')
if (root === null) throw new Error('[tickwork demo] index.html has no #root element')

// StrictMode on purpose: it mounts every effect twice in development, which is
// exactly what useTask must survive without a duplicate task or a double run.
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
