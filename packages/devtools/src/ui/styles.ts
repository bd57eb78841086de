/**
 * The panel's only stylesheet, placed in its shadow root. `:host` resets every
 * inherited property so the host page's fonts and colours never leak in, and
 * nothing here can reach the page. The leading comment is the marker the
 * production-build test greps for.
 */
export const PANEL_CSS = `/* tickwork-devtools:panel */
:host { all: initial !important; display: contents !important; }
:host([data-mode="embed"]) { display: block !important; width: 100% !important; height: 100% !important; }
/* The embedded panel fills its host; without a definite height here the list grows to its full length and nothing is virtualised. */
:host([data-mode="embed"]) .tw-root { height: 100%; }
.tw-root {
  --bg: #ffffff; --bg2: #f6f7fb; --bg3: #eceff6; --fg: #1b2230; --fg2: #5a6478; --fg3: #8a93a6;
  --line: #e2e6ef; --accent: #5b5bd6; --accent-fg: #ffffff; --accent-bg: #ecebff; --sel: #e9e8ff; --hover: #f3f4fa;
  --ok: #1a9b5b; --ok-bg: #e3f6ec; --fail: #d93a4a; --fail-bg: #fde8ea; --warn: #b86e00; --warn-bg: #fff3dc;
  --run: #2f7ae5; --run-bg: #e4efff; --mute-bg: #eef0f4;
  --critical: #d93a4a; --high: #e07a10; --medium: #2f7ae5; --low: #7b8496;
  --shadow: 0 -8px 32px rgba(20, 24, 40, .14), 0 0 0 1px rgba(20, 24, 40, .06);
  color-scheme: light;
  font: 12px/1.4 ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); -webkit-font-smoothing: antialiased; text-align: left; letter-spacing: normal;
}
.tw-root[data-theme="dark"] {
  --bg: #10131c; --bg2: #161a26; --bg3: #1e2332; --fg: #e6e9f2; --fg2: #a3abbe; --fg3: #6f7890;
  --line: #262c3d; --accent: #8f8fff; --accent-fg: #0d0f1f; --accent-bg: #25254a; --sel: #222552; --hover: #191d2b;
  --ok: #3ccf84; --ok-bg: #12301f; --fail: #ff6370; --fail-bg: #3a1a20; --warn: #ffb547; --warn-bg: #3a2a10;
  --run: #5aa2ff; --run-bg: #14284a; --mute-bg: #202536;
  --critical: #ff6370; --high: #ffa040; --medium: #5aa2ff; --low: #8c95a8;
  --shadow: 0 -8px 40px rgba(0, 0, 0, .5), 0 0 0 1px rgba(255, 255, 255, .06);
  color-scheme: dark;
}
.tw-root *, .tw-root *::before, .tw-root *::after { box-sizing: border-box; }
/* :where() keeps this reset at zero specificity, so component classes below win. */
:where(.tw-root) :where(button, input, select) { font: inherit; color: inherit; }
.tw-root :focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.tw-root .panel:focus, .tw-root .panel:focus-visible { outline: none; }
.mono, .num, .countdown, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-variant-numeric: tabular-nums; }
.dim { color: var(--fg3); }

/* toggle button */
.toggle { position: fixed; z-index: 2147483646; display: inline-flex; align-items: center; gap: 7px; height: 34px; padding: 0 13px 0 10px;
  border: 1px solid var(--line); border-radius: 999px; background: var(--bg); color: var(--fg); box-shadow: 0 4px 18px rgba(20,24,40,.18);
  cursor: pointer; font-weight: 600; transition: transform .12s ease, box-shadow .12s ease; }
.toggle:hover { transform: translateY(-1px); box-shadow: 0 6px 22px rgba(20,24,40,.24); }
.toggle .logo { color: var(--accent); font-size: 17px; line-height: 1; }
.toggle .toggle-fail { min-width: 18px; padding: 0 5px; border-radius: 9px; background: var(--fail); color: #fff; font-size: 11px; line-height: 18px; text-align: center; }
.toggle.bottom-right { right: 14px; bottom: 14px; } .toggle.bottom-left { left: 14px; bottom: 14px; }
.toggle.top-right { right: 14px; top: 14px; } .toggle.top-left { left: 14px; top: 14px; }

/* floating panel */
.dockpanel { position: fixed; z-index: 2147483647; display: flex; background: var(--bg); box-shadow: var(--shadow); }
.dockpanel.bottom { left: 0; right: 0; bottom: 0; border-top: 1px solid var(--line); }
.dockpanel.top { left: 0; right: 0; top: 0; border-bottom: 1px solid var(--line); }
.dockpanel.left { top: 0; bottom: 0; left: 0; border-right: 1px solid var(--line); }
.dockpanel.right { top: 0; bottom: 0; right: 0; border-left: 1px solid var(--line); }
.resizer { position: absolute; z-index: 2; background: transparent; }
.resizer:hover, .resizer.dragging { background: var(--accent); opacity: .5; }
.bottom > .resizer { top: -3px; left: 0; right: 0; height: 6px; cursor: ns-resize; }
.top > .resizer { bottom: -3px; left: 0; right: 0; height: 6px; cursor: ns-resize; }
.left > .resizer { right: -3px; top: 0; bottom: 0; width: 6px; cursor: ew-resize; }
.right > .resizer { left: -3px; top: 0; bottom: 0; width: 6px; cursor: ew-resize; }

/* panel */
.panel { display: flex; flex-direction: column; width: 100%; height: 100%; min-height: 0; background: var(--bg); color: var(--fg); outline: none; overflow: hidden; }
.head { display: flex; align-items: center; flex-wrap: wrap; gap: 6px 12px; padding: 7px 10px 7px 12px; border-bottom: 1px solid var(--line); background: var(--bg2); }
.brand { display: flex; align-items: center; gap: 6px; font-weight: 700; font-size: 13px; }
.brand .logo { color: var(--accent); font-size: 17px; line-height: 1; }
.totals { display: flex; gap: 10px; color: var(--fg2); }
.totals b { color: var(--fg); font-weight: 650; }
.chips { display: flex; gap: 4px; flex-wrap: wrap; }
.chip { display: inline-flex; align-items: center; gap: 4px; height: 20px; padding: 0 7px; border-radius: 10px; background: var(--mute-bg); color: var(--fg2); font-size: 11px; white-space: nowrap; }
.chip b { color: var(--fg); font-weight: 650; }
.chip.level-critical b { color: var(--critical); } .chip.level-high b { color: var(--high); }
.chip.level-medium b { color: var(--medium); } .chip.level-low b { color: var(--low); }
.chip.warn { background: var(--warn-bg); color: var(--warn); font-weight: 600; }
.diagnostics { display: flex; gap: 4px; }
.spacer { flex: 1; }
.icon-btn { display: inline-grid; place-items: center; min-width: 26px; height: 26px; padding: 0 6px; border: 1px solid transparent; border-radius: 6px; background: transparent; color: var(--fg2); cursor: pointer; }
.icon-btn:hover { background: var(--bg3); color: var(--fg); }
.icon-btn.on { background: var(--accent-bg); color: var(--accent); }
.dock { display: flex; gap: 1px; padding: 1px; border: 1px solid var(--line); border-radius: 7px; background: var(--bg); }
.dock .icon-btn { min-width: 24px; height: 22px; padding: 0 4px; }
.dock svg { display: block; }
.dock rect { fill: none; stroke: currentColor; stroke-width: 1.3; } .dock .fill { fill: currentColor; stroke: none; }
.switch { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; color: var(--fg2); user-select: none; }
.switch input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.switch .track { position: relative; width: 28px; height: 16px; border-radius: 8px; background: var(--fg3); transition: background .15s; }
.switch .thumb { position: absolute; top: 2px; left: 2px; width: 12px; height: 12px; border-radius: 50%; background: #fff; transition: transform .15s; box-shadow: 0 1px 2px rgba(0,0,0,.3); }
.switch input:checked + .track { background: var(--ok); }
.switch input:checked + .track .thumb { transform: translateX(12px); }
.switch input:focus-visible + .track { outline: 2px solid var(--accent); outline-offset: 2px; }
.switch-text { min-width: 38px; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }

.tabs { display: flex; gap: 2px; padding: 4px 8px 0; border-bottom: 1px solid var(--line); background: var(--bg2); overflow-x: auto; }
.tab { display: inline-flex; align-items: center; gap: 6px; padding: 5px 10px 6px; border: 0; border-bottom: 2px solid transparent; background: transparent; color: var(--fg2); cursor: pointer; white-space: nowrap; }
.tab:hover { color: var(--fg); }
.tab.on { color: var(--fg); border-bottom-color: var(--accent); font-weight: 600; }
.tab-count { padding: 0 6px; border-radius: 8px; background: var(--bg3); color: var(--fg2); font-size: 10.5px; line-height: 16px; font-weight: 600; }
.tab-count.fail { background: var(--fail-bg); color: var(--fail); }
.tab-ro { font-size: 10px; color: var(--fg3); text-transform: uppercase; letter-spacing: .04em; }

.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 6px 10px; border-bottom: 1px solid var(--line); }
.toolbar .filter { flex: 1 1 160px; max-width: 280px; height: 26px; padding: 0 9px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); outline: none; }
.toolbar .filter:focus { border-color: var(--accent); box-shadow: 0 0 0 3px var(--accent-bg); }
.toolbar select { height: 26px; padding: 0 6px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); cursor: pointer; }
.toolbar .shown { margin-left: auto; font-size: 11px; }

.body { display: flex; flex: 1; min-height: 0; }
.body.stacked { flex-direction: column; }
.list { display: flex; flex-direction: column; flex: 1 1 55%; min-width: 0; min-height: 0; container-type: inline-size; container-name: list; }
.list-scroll { position: relative; flex: 1; min-height: 0; overflow: auto; outline: none; }
.list-scroll:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); outline: none; }
.row { display: grid; grid-template-columns: minmax(150px, 1.6fr) 74px 92px 82px 70px 66px 62px 74px 90px; align-items: center; gap: 0 6px; height: 34px; padding: 0 10px 0 12px; border-bottom: 1px solid var(--line); white-space: nowrap; }
.list-scroll .row { position: absolute; top: 0; left: 0; right: 0; cursor: pointer; }
.list-scroll .row:hover { background: var(--hover); }
.list-scroll .row.selected { background: var(--sel); box-shadow: inset 3px 0 0 var(--accent); }
.list-head { height: 26px; background: var(--bg2); color: var(--fg3); font-size: 10.5px; font-weight: 600; text-transform: uppercase; letter-spacing: .05em; }
.list-head .cell:nth-child(n+4):nth-child(-n+8) { text-align: right; }
.cell { min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.cell.num { text-align: right; color: var(--fg2); }
.cell.name { display: flex; align-items: center; gap: 6px; font-weight: 600; }
.failed-count { color: var(--fail); }
.row.last-failed .cell.dur { color: var(--fail); }
@container list (max-width: 760px) { .row { grid-template-columns: minmax(120px, 1fr) 70px 88px 66px 62px 90px; } .row > .cell:nth-child(4), .row > .cell:nth-child(7), .row > .cell:nth-child(8) { display: none; } }
@container list (max-width: 480px) { .row { grid-template-columns: minmax(100px, 1fr) 86px 62px; } .row > .cell:nth-child(2), .row > .cell:nth-child(6), .row > .cell:nth-child(9) { display: none; } }
.empty { padding: 24px; text-align: center; color: var(--fg3); }

.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 10.5px; font-weight: 650; line-height: 17px; text-transform: uppercase; letter-spacing: .03em; }
.level-critical.badge { background: var(--fail-bg); color: var(--critical); }
.level-high.badge { background: var(--warn-bg); color: var(--high); }
.level-medium.badge { background: var(--run-bg); color: var(--medium); }
.level-low.badge { background: var(--mute-bg); color: var(--low); }
.runner { background: var(--accent-bg); color: var(--accent); text-transform: none; font-weight: 600; }
.state { display: inline-flex; align-items: center; gap: 6px; color: var(--fg2); }
.dot { width: 7px; height: 7px; border-radius: 50%; background: var(--fg3); flex: none; }
.state-scheduled .dot { background: var(--ok); }
.state-running .dot { background: var(--run); box-shadow: 0 0 0 3px var(--run-bg); animation: tw-pulse 1s ease-in-out infinite; }
.state-paused .dot { background: var(--warn); }
.state-stalled .dot, .state-failed .dot { background: var(--fail); }
.state-stalled, .state-failed { color: var(--fail); font-weight: 600; }
.state-completed .dot { background: var(--accent); }
@keyframes tw-pulse { 50% { opacity: .45; } }
@media (prefers-reduced-motion: reduce) { .state-running .dot { animation: none; } }

.spark { display: block; overflow: visible; }
.spark-line { stroke: var(--accent); stroke-width: 1.4; stroke-linejoin: round; stroke-linecap: round; }
.spark-dot { fill: var(--accent); }
.spark-fail { fill: var(--fail); stroke: var(--bg); stroke-width: 1; }

.inspector { display: flex; flex-direction: column; flex: 1 1 45%; min-width: 0; min-height: 0; overflow: auto; border-left: 1px solid var(--line); background: var(--bg); }
.stacked .inspector { border-left: 0; border-top: 1px solid var(--line); }
.insp-head { position: sticky; top: 0; z-index: 1; display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 8px 12px; border-bottom: 1px solid var(--line); background: var(--bg); }
.insp-title { display: flex; align-items: center; gap: 8px; min-width: 0; }
.insp-title h2 { margin: 0; overflow: hidden; font-size: 14px; font-weight: 700; text-overflow: ellipsis; white-space: nowrap; }
.controls { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 12px; }
.btn { height: 26px; padding: 0 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg2); color: var(--fg); cursor: pointer; font-weight: 550; }
.btn:hover:not(:disabled) { border-color: var(--accent); color: var(--accent); }
.btn:disabled { opacity: .45; cursor: default; }
.btn-trigger { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.btn-trigger:hover:not(:disabled) { color: var(--accent-fg); filter: brightness(1.1); }
.btn-stop:hover:not(:disabled) { border-color: var(--fail); color: var(--fail); }
.btn-export { margin-left: auto; }
.stop-reason { margin: 0 12px 8px; padding: 6px 9px; border-radius: 6px; background: var(--fail-bg); color: var(--fail); }
.insp-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 10px; padding: 0 12px; }
.card { padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg2); }
.card h3, .hist-title { margin: 0 0 6px; color: var(--fg3); font-size: 10.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; }
.hist-title { margin: 14px 12px 6px; }
.card dl { display: grid; gap: 3px; margin: 0; }
.field { display: flex; justify-content: space-between; gap: 10px; }
.field dt { color: var(--fg2); }
.field dd { margin: 0; text-align: right; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.hist-wrap { padding: 0 12px 12px; overflow-x: auto; }
table.history { width: 100%; border-collapse: collapse; font-size: 11.5px; }
.history th { padding: 4px 6px; border-bottom: 1px solid var(--line); background: var(--bg); color: var(--fg3); font-size: 10.5px; font-weight: 600; text-align: left; text-transform: uppercase; letter-spacing: .04em; }
.history td { padding: 4px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
.history td.num, .history td.mono, .history td:nth-child(5), .history td:nth-child(6) { white-space: nowrap; }
.history .num { text-align: right; }
.history tr.fail > td:first-child { box-shadow: inset 2px 0 0 var(--fail); }
.history .msg { max-width: 220px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.result { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 10.5px; font-weight: 650; line-height: 17px; }
.result.ok { background: var(--ok-bg); color: var(--ok); }
button.result.fail { border: 0; background: var(--fail-bg); color: var(--fail); cursor: pointer; }
.extra { display: flex; flex-wrap: wrap; gap: 3px; }
.kv { display: inline-flex; border: 1px solid var(--line); border-radius: 4px; overflow: hidden; font-size: 10.5px; }
.kv .k { padding: 0 4px; background: var(--bg3); color: var(--fg2); } .kv .v { padding: 0 4px; font-family: ui-monospace, monospace; }
.error-row > td { padding: 0 6px 8px; }
.error-box { padding: 8px 10px; border: 1px solid var(--fail); border-radius: 6px; background: var(--fail-bg); }
.error-title { color: var(--fail); margin-bottom: 4px; overflow-wrap: anywhere; }
.stack { max-height: 220px; margin: 0; overflow: auto; color: var(--fg); font-size: 11px; line-height: 1.45; white-space: pre-wrap; word-break: break-all; }
.panel ::-webkit-scrollbar { width: 10px; height: 10px; }
.panel ::-webkit-scrollbar-thumb { border: 2px solid var(--bg); border-radius: 6px; background: var(--bg3); }
`
