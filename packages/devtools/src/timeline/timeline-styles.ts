/**
 * Styles of the timeline view, appended to the panel's one stylesheet (so
 * they share its shadow root, its theme variables and its CSP nonce).
 */
export const TIMELINE_CSS = `
.timeline { display: flex; flex-direction: column; flex: 1; min-width: 0; min-height: 0; }
.tl-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 6px; padding: 4px 10px; border-bottom: 1px solid var(--line); }
.tl-span { min-width: 96px; color: var(--fg2); font-variant-numeric: tabular-nums; text-align: center; white-space: nowrap; }
.tl-now-btn.on { background: var(--accent-bg); border-color: var(--accent); color: var(--accent); }
.tl-controls .icon-btn:disabled { opacity: .4; cursor: default; }
.tl-legend { display: flex; flex-wrap: wrap; gap: 2px 10px; margin-left: auto; color: var(--fg2); font-size: 11px; }
.tl-key { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap; }
.tl-swatch { display: inline-block; width: 12px; height: 8px; border-radius: 2px; background: var(--fg3); }
.tl-swatch.tl-ok { background: var(--ok); } .tl-swatch.tl-fail { background: var(--fail); }
.tl-swatch.tl-timeout { background: var(--warn); box-shadow: inset -3px 0 0 var(--fg); }
.tl-swatch.tl-late { height: 2px; background: var(--fg3); }
.tl-swatch.tl-skip { width: 2px; height: 12px; background: var(--fail); opacity: .7; }
.tl-swatch.tl-manual { background: transparent; box-shadow: inset 0 0 0 1.5px var(--accent); }
.tl-axis { position: relative; flex: none; height: 20px; border-bottom: 1px solid var(--line); background: var(--bg2); color: var(--fg3); font-size: 10.5px; overflow: hidden; white-space: nowrap; }
.tl-axis-label { position: absolute; left: 0; top: 0; padding: 3px 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .05em; }
.tl-tick { position: absolute; top: 3px; transform: translateX(-50%); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-variant-numeric: tabular-nums; }
.tl-body { position: relative; flex: 1; min-height: 0; display: flex; overflow: hidden; }
.tl-scroll { position: relative; flex: 1; min-height: 0; overflow-y: auto; overflow-x: hidden; outline: none; cursor: grab; touch-action: pan-y; user-select: none; }
.tl-scroll:active { cursor: grabbing; }
.tl-scroll:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); }
.tl-lane { position: absolute; top: 0; left: 0; right: 0; display: flex; align-items: center; height: 24px; border-bottom: 1px solid var(--line); }
.tl-lane.selected { background: var(--sel); box-shadow: inset 3px 0 0 var(--accent); }
.tl-name { flex: none; width: 168px; padding: 0 8px 0 12px; overflow: hidden; font-weight: 600; text-overflow: ellipsis; white-space: nowrap; }
.tl-clip { position: relative; flex: 1; min-width: 0; height: 24px; overflow: hidden; }
/* Its own layer: sliding it is the compositor's work, with no repaint. */
.tl-svg { display: block; height: 24px; will-change: transform; }
.tl-bar { fill: var(--ok); }
.tl-bar.tl-fail { fill: var(--fail); }
.tl-bar.tl-timeout { fill: var(--warn); }
.tl-bar.tl-manual { stroke: var(--accent); stroke-width: 1.5px; vector-effect: non-scaling-stroke; }
.tl-bar:hover { opacity: .8; }
.tl-cap { fill: var(--fg); }
.tl-late { fill: var(--fg3); }
.tl-skip { fill: var(--fail); opacity: .7; }
.tl-focus { fill: none; stroke: var(--accent); stroke-width: 2px; vector-effect: non-scaling-stroke; }
.tl-now { position: absolute; top: 0; bottom: 0; left: 0; width: 0; will-change: transform; border-left: 1px dashed var(--accent); pointer-events: none; }
.tl-tip { position: absolute; z-index: 3; width: max-content; max-width: 320px; padding: 6px 9px; transform: translateX(-50%); border: 1px solid var(--line); border-radius: 6px; background: var(--bg); box-shadow: 0 4px 16px rgba(20, 24, 40, .18); color: var(--fg); font-size: 11.5px; pointer-events: none; overflow-wrap: anywhere; }
.tl-tip strong { display: block; margin-bottom: 2px; }
.tl-tip-fail { border-color: var(--fail); }
`
