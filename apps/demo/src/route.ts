import { useSyncExternalStore } from 'react'

/** The two pages of the demo. */
export type Route = 'jobs' | 'panel'

function current(): Route {
  return window.location.hash === '#/panel' ? 'panel' : 'jobs'
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

/** The page named by the URL hash: `#/panel` or anything else for the jobs. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current, () => 'jobs')
}
