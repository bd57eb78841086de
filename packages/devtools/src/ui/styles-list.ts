/**
 * The task list, badges and sparklines. Columns give way as the list gets
 * narrower — the sparkline first, then interval, then level — and the key ones
 * (state, next run, last, success, runs) stay at every width, so opening the
 * inspector beside the list never hides the failure counts.
 */
export const LIST_CSS = `
.body { display: flex; flex: 1; min-width: 0; min-height: 0; }
.body.stacked { flex-direction: column; }
.view { display: flex; flex-direction: column; flex: 1 1 55%; min-width: 0; min-height: 0; }
.list { display: flex; flex-direction: column; flex: 1; min-width: 0; min-height: 0; container: list / inline-size; }
.list-scroll { position: relative; flex: 1; min-height: 0; overflow: auto; outline: none; }
.list-scroll:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); outline: none; }
.row { display: grid; grid-template-columns: minmax(120px, 1.6fr) 70px 90px 78px 70px 62px 56px 62px 88px; align-items: center; gap: 0 6px; height: 34px; min-width: 0; padding: 0 10px 0 12px; border-bottom: 1px solid var(--line); white-space: nowrap; }
.list-scroll .row { position: absolute; top: 0; left: 0; right: 0; cursor: pointer; }
.list-scroll .row:hover { background: var(--hover); }
.list-scroll .row.selected { background: var(--sel); box-shadow: inset 3px 0 0 var(--accent); }
.list-head { height: 26px; background: var(--bg2); color: var(--fg3); font-size: 11px; font-weight: 650; }
.list-head .cell:nth-child(n+4):nth-child(-n+8) { text-align: right; }
.cell { min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.cell.num { text-align: right; color: var(--fg2); }
.cell.name { display: flex; align-items: center; gap: 6px; font-weight: 600; }
.name-text { min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.cell.name .badge { flex: none; }
.failed-count { color: var(--fail); }
.row.last-failed .cell.dur { color: var(--fail); }
/* Two short lines fit a row: the words matter more than the column's width. */
.countdown.frozen { display: inline-block; font-family: var(--sans); font-size: 10px; line-height: 1.15; color: var(--fg2); white-space: normal; text-align: right; }
@container list (max-width: 780px) {
  .row { grid-template-columns: minmax(110px, 1fr) 70px 90px 78px 70px 62px 56px 62px; }
  .row > .cell:nth-child(9) { display: none; }
}
@container list (max-width: 680px) {
  .row { grid-template-columns: minmax(100px, 1fr) 70px 88px 70px 60px 54px 62px; }
  .row > .cell:nth-child(4) { display: none; }
}
@container list (max-width: 580px) {
  .row { grid-template-columns: minmax(64px, 1fr) 84px 64px 52px 50px 48px; gap: 0 5px; padding: 0 8px 0 10px; }
  .row > .cell:nth-child(2) { display: none; }
  /* Names get two lines (breaking after a hyphen) rather than losing their ends. */
  .name-text { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; font-size: 11px; line-height: 1.2; white-space: normal; overflow-wrap: anywhere; }
}
@container list (max-width: 420px) {
  .row { grid-template-columns: minmax(48px, 1fr) 76px 58px 48px 46px 44px; gap: 0 4px; padding: 0 6px 0 8px; font-size: 11px; }
  .list-head { font-size: 10px; }
  .row .state { gap: 4px; }
}

.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 10.5px; font-weight: 650; line-height: 17px; text-transform: uppercase; letter-spacing: .03em; white-space: nowrap; }
.level-critical.badge { background: var(--fail-bg); color: var(--critical); }
.level-high.badge { background: var(--warn-bg); color: var(--high); }
.level-medium.badge { background: var(--run-bg); color: var(--medium); }
.level-low.badge { background: var(--mute-bg); color: var(--low); }
.runner { background: var(--accent-bg); color: var(--accent); text-transform: none; font-weight: 600; }
.state { display: inline-flex; align-items: center; gap: 6px; min-width: 0; color: var(--fg2); }
.dot { width: 7px; height: 7px; border-radius: 50%; background: var(--fg3); flex: none; }
.state-scheduled .dot { background: var(--dot-ok); }
.state-running .dot { background: var(--dot-run); box-shadow: 0 0 0 3px var(--run-bg); animation: tw-pulse 1s ease-in-out infinite; }
.state-paused .dot { background: var(--dot-warn); }
.state-stalled .dot, .state-failed .dot { background: var(--dot-fail); }
.state-stalled, .state-failed { color: var(--fail); font-weight: 600; }
.state-completed .dot { background: var(--accent); }
@keyframes tw-pulse { 50% { opacity: .45; } }
@media (prefers-reduced-motion: reduce) { .state-running .dot { animation: none; } }

.spark { display: block; overflow: visible; }
.spark-line { stroke: var(--accent); stroke-width: 1.4; stroke-linejoin: round; stroke-linecap: round; }
.spark-dot { fill: var(--accent); }
.spark-fail { fill: var(--dot-fail); stroke: var(--bg); stroke-width: 1; }
`
