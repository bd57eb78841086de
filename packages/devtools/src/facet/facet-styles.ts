/**
 * Styles of the queue and cache views, appended to the panel's one
 * stylesheet (its shadow root, theme variables and CSP nonce).
 */
export const FACET_CSS = `
.facet { margin: 8px 12px 0; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg2); }
.facet-title { display: flex; align-items: center; gap: 8px; margin: 0 0 6px; color: var(--fg3); font-size: 10.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; }
.facet-state { padding: 0 6px; border-radius: 4px; background: var(--mute-bg); color: var(--fg2); line-height: 17px; letter-spacing: .03em; }
.facet-state.q-working, .facet-state.c-refreshing { background: var(--run-bg); color: var(--run); }
.facet-state.q-stopped, .facet-state.c-stale { background: var(--warn-bg); color: var(--warn); }
.facet-state.c-fresh { background: var(--ok-bg); color: var(--ok); }
.facet-stats { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0 0 4px; }
.facet-stats > div { display: flex; gap: 6px; }
.facet-stats dt { color: var(--fg2); }
.facet-stats dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-variant-numeric: tabular-nums; }
.facet-controls { padding: 6px 0; align-items: center; }
.notify { display: inline-flex; align-items: center; gap: 4px; }
.notify label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.notify-key { width: 120px; height: 26px; padding: 0 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); outline: none; }
.notify-key:focus { border-color: var(--accent); box-shadow: 0 0 0 3px var(--accent-bg); }
.facet-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 4px 12px; }
.facet-table { width: 100%; border-collapse: collapse; font-size: 11.5px; table-layout: fixed; }
.facet-table caption { padding: 4px 0 2px; color: var(--fg3); font-size: 10.5px; font-weight: 700; text-align: left; text-transform: uppercase; letter-spacing: .05em; }
.facet-table th { padding: 2px 6px; border-bottom: 1px solid var(--line); color: var(--fg3); font-size: 10.5px; font-weight: 600; text-align: left; }
.facet-table td { padding: 2px 6px; border-bottom: 1px solid var(--line); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.facet-table .num { text-align: right; }
.facet-section { min-width: 0; }
.facet-section.wide { grid-column: 1 / -1; }
.facet-empty { padding: 2px 6px 6px; font-size: 11px; }
.facet-error { margin: 4px 0; padding: 5px 8px; border-radius: 6px; background: var(--fail-bg); color: var(--fail); overflow-wrap: anywhere; }
`
