// A page as an app ships it: the devtools imported from the default entry.
// Its production build must contain none of the panel's code.
import { createTask } from '@tickwork/core'
import { createRoot } from 'react-dom/client'
import { TickworkDevtools } from '@tickwork/devtools'

createTask({ name: 'ping', interval: 1000, run: () => {} }).start()
createRoot(document.getElementById('root')!).render(
  <>
    <h1>app</h1>
    <TickworkDevtools />
  </>,
)
