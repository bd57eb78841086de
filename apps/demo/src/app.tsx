import type { ReactNode } from 'react'
import { SummaryBar } from './components/summary-bar.tsx'
import { EmbeddedDevtools, FloatingDevtools } from './devtools.tsx'
import { CacheWarmerJob } from './jobs/cache-warmer.tsx'
import { HeartbeatJob } from './jobs/heartbeat.tsx'
import { IndexerJob } from './jobs/indexer.tsx'
import { LicenseJob } from './jobs/license.tsx'
import { MetricsJob } from './jobs/metrics.tsx'
import { PollerJob } from './jobs/poller.tsx'
import { StressControls } from './jobs/stress.tsx'
import { useRoute } from './route.ts'
import { useTheme } from './theme.ts'

/**
 * The demo: a page of real background jobs, and `#/panel` with the devtools
 * panel full-page. The jobs stay mounted on both routes (only hidden), since
 * unmounting a `useTask` component stops and removes its task.
 */
export function App(): ReactNode {
  const route = useRoute()
  const [theme, toggleTheme] = useTheme()
  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden />
          <div>
            <h1>tickwork</h1>
            <p className="muted">periodic background jobs, running in this page</p>
          </div>
        </div>
        <nav className="nav">
          <a href="#/" aria-current={route === 'jobs' ? 'page' : undefined}>
            Jobs
          </a>
          <a href="#/panel" aria-current={route === 'panel' ? 'page' : undefined}>
            Panel
          </a>
          <button type="button" className="theme-toggle" onClick={toggleTheme} aria-label={`switch to ${theme === 'dark' ? 'light' : 'dark'} mode`}>
            {theme === 'dark' ? '☀' : '☾'}
          </button>
        </nav>
      </header>
      <SummaryBar />
      <main hidden={route !== 'jobs'} className="jobs">
        <div className="grid">
          <HeartbeatJob />
          <PollerJob />
          <MetricsJob />
          <CacheWarmerJob />
          <LicenseJob />
          <StressControls />
          <IndexerJob />
        </div>
      </main>
      {route === 'panel' && (
        <main className="panel-page" data-testid="panel-page">
          <EmbeddedDevtools theme={theme} />
        </main>
      )}
      {route === 'jobs' && <FloatingDevtools theme={theme} />}
    </div>
  )
}
