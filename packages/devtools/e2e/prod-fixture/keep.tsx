// The same page importing `@tickwork/devtools/production`: the panel stays.
// This is the positive control of the production-build check.
import { createRoot } from 'react-dom/client'
import { TickworkDevtools } from '@tickwork/devtools/production'

createRoot(document.getElementById('root')!).render(<TickworkDevtools />)
