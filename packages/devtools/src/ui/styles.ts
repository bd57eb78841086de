import { FACET_CSS } from '../facet/facet-styles.ts'
import { TIMELINE_CSS } from '../timeline/timeline-styles.ts'
import { INSPECTOR_CSS } from './styles-inspector.ts'
import { LIST_CSS } from './styles-list.ts'

/**
 * The panel's frame: reset, palette, toggle, dock, header, popovers, toolbar.
 * Colours are chosen for WCAG AA contrast (4.5:1 for text) in both themes; the
 * Chromium tests run axe-core over the panel.
 */
const FRAME_CSS = `/* tickwork-devtools:panel */
:host { all: initial !important; display: contents !important; }
:host([data-mode="embed"]) { display: block !important; width: 100% !important; height: 100% !important; }
/* The embedded panel fills its host; without a definite height here the list grows to its full length and nothing is virtualised. */
:host([data-mode="embed"]) .tw-root { height: 100%; }
.tw-root {
  --bg: #ffffff; --bg2: #f6f7fb; --bg3: #e6e9f1; --fg: #1b2230; --fg2: #4f596c; --fg3: #626b7e;
  --line: #e2e6ef; --accent: #4646c0; --accent-fg: #ffffff; --accent-bg: #ecebff; --sel: #e9e8ff; --hover: #f3f4fa;
  --ok: #11703f; --ok-bg: #e3f6ec; --fail: #bd2433; --fail-bg: #fde8ea; --warn: #8a4f00; --warn-bg: #fff3dc;
  --run: #1a5bbf; --run-bg: #e4efff; --mute-bg: #eef0f4;
  --critical: #bd2433; --high: #9a4d06; --medium: #1a5bbf; --low: #555e70;
  --dot-ok: #1a9b5b; --dot-run: #2f7ae5; --dot-warn: #d18a00; --dot-fail: #d93a4a;
  --shadow: 0 -8px 32px rgba(20, 24, 40, .14), 0 0 0 1px rgba(20, 24, 40, .06);
  --pop-shadow: 0 8px 28px rgba(20, 24, 40, .18), 0 0 0 1px rgba(20, 24, 40, .08);
  color-scheme: light;
  --sans: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font: 12px/1.4 ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); -webkit-font-smoothing: antialiased; text-align: left; letter-spacing: normal;
}
.tw-root[data-theme="dark"] {
  --bg: #10131c; --bg2: #161a26; --bg3: #262c3f; --fg: #e6e9f2; --fg2: #b3bbcc; --fg3: #959db0;
  --line: #2a3042; --accent: #a5a5ff; --accent-fg: #0d0f1f; --accent-bg: #2a2a55; --sel: #242858; --hover: #191d2b;
  --ok: #4fd891; --ok-bg: #12301f; --fail: #ff7a85; --fail-bg: #3a1a20; --warn: #ffbe5c; --warn-bg: #3a2a10;
  --run: #6eadff; --run-bg: #14284a; --mute-bg: #222839;
  --critical: #ff7a85; --high: #ffa850; --medium: #6eadff; --low: #a3abbd;
  --dot-ok: #3ccf84; --dot-run: #5aa2ff; --dot-warn: #ffb547; --dot-fail: #ff6370;
  --shadow: 0 -8px 40px rgba(0, 0, 0, .5), 0 0 0 1px rgba(255, 255, 255, .06);
  --pop-shadow: 0 8px 28px rgba(0, 0, 0, .55), 0 0 0 1px rgba(255, 255, 255, .1);
  color-scheme: dark;
}
.tw-root *, .tw-root *::before, .tw-root *::after { box-sizing: border-box; }
/* :where() keeps this reset at zero specificity, so component classes below win. */
:where(.tw-root) :where(button, input, select) { font: inherit; color: inherit; }
.tw-root :focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.tw-root .panel:focus, .tw-root .panel:focus-visible { outline: none; }
.mono, .num, .countdown, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-variant-numeric: tabular-nums; }
.dim { color: var(--fg3); }
.icon { display: block; flex: none; fill: none; stroke: currentColor; stroke-width: 1.6; stroke-linecap: round; stroke-linejoin: round; }

/* toggle button */
.toggle { position: fixed; z-index: 2147483646; display: inline-flex; align-items: center; gap: 7px; height: 34px; padding: 0 13px 0 10px;
  border: 1px solid var(--line); border-radius: 999px; background: var(--bg); color: var(--fg); box-shadow: 0 4px 18px rgba(20,24,40,.18);
  cursor: pointer; font-weight: 600; transition: transform .12s ease, box-shadow .12s ease; }
.toggle:hover { transform: translateY(-1px); box-shadow: 0 6px 22px rgba(20,24,40,.24); }
.logo { color: var(--accent); }
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

/* panel: its width decides the layout (container queries), not the window's */
.panel { display: flex; flex-direction: column; width: 100%; height: 100%; min-width: 0; min-height: 0; background: var(--bg); color: var(--fg); outline: none; overflow: hidden; container: panel / inline-size; }
.head { display: flex; align-items: center; gap: 8px; min-width: 0; padding: 6px 8px 6px 12px; border-bottom: 1px solid var(--line); background: var(--bg2); }
.brand { display: flex; align-items: center; gap: 6px; flex: none; font-weight: 700; font-size: 13px; }
.chips { display: flex; gap: 4px; flex-wrap: wrap; }
.chip { display: inline-flex; align-items: center; gap: 4px; height: 20px; padding: 0 7px; border-radius: 10px; background: var(--mute-bg); color: var(--fg2); font-size: 11px; white-space: nowrap; }
.chip b { color: var(--fg); font-weight: 650; }
.chip.level-critical b { color: var(--critical); } .chip.level-high b { color: var(--high); }
.chip.level-medium b { color: var(--medium); } .chip.level-low b { color: var(--low); }
.chip.warn { background: var(--warn-bg); color: var(--warn); font-weight: 600; }
.chip-btn { border: 1px solid transparent; cursor: pointer; }
.chip-btn:hover { border-color: var(--line); background: var(--bg3); }
.totals { min-width: 0; height: 24px; padding: 0 9px; border-radius: 12px; overflow: hidden; font-size: 11.5px; }
.totals .sep { color: var(--fg3); }
.totals .bad, .totals .bad b { color: var(--fail); }
.diagnostics { display: flex; gap: 4px; min-width: 0; overflow: hidden; }
.spacer { flex: 1 1 0; min-width: 0; }
.icon-btn { display: inline-grid; place-items: center; flex: none; min-width: 26px; height: 26px; padding: 0 5px; border: 1px solid transparent; border-radius: 6px; background: transparent; color: var(--fg2); cursor: pointer; }
.icon-btn:hover:not(:disabled) { background: var(--bg3); color: var(--fg); }
.icon-btn:disabled { opacity: .4; cursor: default; }
.icon-btn.on { background: var(--accent-bg); color: var(--accent); }
.switch { display: inline-flex; align-items: center; gap: 6px; flex: none; cursor: pointer; color: var(--fg2); user-select: none; }
.switch input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.switch .track { position: relative; width: 28px; height: 16px; border-radius: 8px; background: var(--fg3); transition: background .15s; }
.switch .thumb { position: absolute; top: 2px; left: 2px; width: 12px; height: 12px; border-radius: 50%; background: #fff; transition: transform .15s; box-shadow: 0 1px 2px rgba(0,0,0,.3); }
.switch input:checked + .track { background: var(--dot-ok); }
.switch input:checked + .track .thumb { transform: translateX(12px); }
.switch input:focus-visible + .track { outline: 2px solid var(--accent); outline-offset: 2px; }
.switch-text { min-width: 38px; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; white-space: nowrap; }

/* popovers: the counts, settings and bulk menus */
.pop-wrap { position: relative; display: flex; min-width: 0; }
.popover { position: absolute; top: calc(100% + 6px); left: 0; z-index: 20; width: max-content; min-width: 200px; max-width: min(340px, calc(100cqw - 16px)); max-height: min(420px, 70vh); overflow: auto;
  padding: 8px 10px 10px; border-radius: 8px; background: var(--bg); color: var(--fg); box-shadow: var(--pop-shadow); font-size: 12px; white-space: normal; }
.pop-settings, .pop-bulk { left: auto; right: 0; }
.popover h4 { margin: 8px 0 5px; color: var(--fg3); font-size: 10.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; }
.popover h4:first-child { margin-top: 2px; }
.terms { display: grid; gap: 4px; margin: 0; }
.terms > div { display: grid; grid-template-columns: 1fr auto; column-gap: 12px; }
.terms dt { color: var(--fg2); }
.terms dd { margin: 0; text-align: right; font-weight: 650; font-variant-numeric: tabular-nums; }
.terms dd.def { grid-column: 1 / -1; text-align: left; color: var(--fg3); font-weight: 400; font-size: 11px; }
.seg { display: inline-flex; flex: none; gap: 1px; padding: 1px; border: 1px solid var(--line); border-radius: 7px; background: var(--bg); }
.seg-btn { display: inline-flex; align-items: center; gap: 5px; height: 22px; padding: 0 8px; border: 0; border-radius: 5px; background: transparent; color: var(--fg2); cursor: pointer; white-space: nowrap; }
.seg-btn:hover { color: var(--fg); background: var(--hover); }
.seg-btn.on { background: var(--accent-bg); color: var(--accent); font-weight: 600; }
.dock-icon rect { fill: none; stroke: currentColor; stroke-width: 1.3; } .dock-icon .fill { fill: currentColor; stroke: none; }
.bulk-list { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; }
.bulk-list .btn { display: inline-flex; justify-content: space-between; gap: 8px; }
.bulk-list .count { font-variant-numeric: tabular-nums; opacity: .8; }
.confirm p { margin: 2px 0 8px; }
.confirm-btns { display: flex; gap: 6px; }

.tabs { display: flex; gap: 2px; padding: 4px 8px 0; border-bottom: 1px solid var(--line); background: var(--bg2); overflow-x: auto; }
.tab { display: inline-flex; align-items: center; gap: 6px; padding: 5px 10px 6px; border: 0; border-bottom: 2px solid transparent; background: transparent; color: var(--fg2); cursor: pointer; white-space: nowrap; }
.tab:hover { color: var(--fg); }
.tab.on { color: var(--fg); border-bottom-color: var(--accent); font-weight: 600; }
.tab-count { padding: 0 6px; border-radius: 8px; background: var(--bg3); color: var(--fg2); font-size: 10.5px; line-height: 16px; font-weight: 600; }
.tab-count.fail { background: var(--fail-bg); color: var(--fail); }
.tab-ro { font-size: 10px; color: var(--fg3); text-transform: uppercase; letter-spacing: .04em; }

.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; min-width: 0; padding: 6px 10px; border-bottom: 1px solid var(--line); }
.views { display: inline-flex; flex: none; gap: 1px; padding: 1px; border: 1px solid var(--line); border-radius: 7px; }
.view-tab { height: 24px; padding: 0 10px; border: 0; border-radius: 5px; background: transparent; color: var(--fg2); cursor: pointer; white-space: nowrap; }
.view-tab:hover { color: var(--fg); background: var(--hover); }
.view-tab.on { background: var(--accent-bg); color: var(--accent); font-weight: 600; }
/* The filters shrink before they wrap: one toolbar line down to a narrow panel, where they take a line of their own. */
.filters { display: flex; flex: 1 1 300px; align-items: center; gap: 6px; min-width: 0; }
.filter { flex: 1 1 140px; min-width: 64px; max-width: 280px; height: 26px; padding: 0 9px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); outline: none; }
.filter:focus { border-color: var(--accent); box-shadow: 0 0 0 3px var(--accent-bg); }
.toolbar select { flex: 0 1 auto; min-width: 52px; max-width: 130px; height: 26px; padding: 0 4px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); cursor: pointer; }
.toolbar .shown { flex: none; margin-left: auto; font-size: 11px; white-space: nowrap; }
.btn { display: inline-flex; align-items: center; gap: 5px; height: 26px; padding: 0 9px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg2); color: var(--fg); cursor: pointer; font-weight: 550; white-space: nowrap; }
.btn:hover:not(:disabled) { border-color: var(--accent); color: var(--accent); }
.btn:disabled { opacity: .5; cursor: default; }
.btn-trigger { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.btn-trigger:hover:not(:disabled) { color: var(--accent-fg); filter: brightness(1.1); }
.btn-stop:hover:not(:disabled) { border-color: var(--fail); color: var(--fail); }
.link-btn { padding: 0; border: 0; background: none; color: var(--accent); cursor: pointer; text-decoration: underline; text-align: left; }
.empty { padding: 24px; text-align: center; color: var(--fg3); }

/* narrow panels: one thing at a time */
.back { display: none; }
@container panel (max-width: 639px) {
  .panel.inspecting .view, .panel.inspecting .toolbar { display: none; }
  .panel.inspecting .inspector { border: 0; }
  .back { display: inline-grid; }
  .close-insp { display: none; }
  .seg-text { display: none; }
}
@container panel (max-width: 460px) {
  .brand-name, .switch-text { display: none; }
  .head { gap: 6px; padding-left: 10px; }
  .toolbar { padding: 5px 8px; gap: 5px; }
  .filters { order: 1; flex-basis: 100%; }
  .tabs { padding: 3px 4px 0; } .tab { gap: 4px; padding: 5px 6px 6px; }
  .toolbar .shown { margin-left: auto; }
}
.panel ::-webkit-scrollbar { width: 10px; height: 10px; }
.panel ::-webkit-scrollbar-thumb { border: 2px solid var(--bg); border-radius: 6px; background: var(--bg3); }
`

/** The panel's only stylesheet, placed in its shadow root. `:host` resets every
 * inherited property so the host page's fonts and colours never leak in, and
 * nothing here can reach the page. The leading comment is the marker the
 * production-build test greps for. */
export const PANEL_CSS: string = FRAME_CSS + LIST_CSS + INSPECTOR_CSS + TIMELINE_CSS + FACET_CSS
