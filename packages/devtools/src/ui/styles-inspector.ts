/**
 * The inspector: header, controls, the folded summary and the run history,
 * which takes the height that is left and scrolls alone. Beside the list it
 * is a container of its own, so the history drops columns by its own width.
 */
export const INSPECTOR_CSS = `
.inspector { display: flex; flex-direction: column; flex: 1 1 45%; min-width: 0; min-height: 0; overflow: hidden; border-left: 1px solid var(--line); background: var(--bg); container: insp / inline-size; }
.stacked .inspector { border-left: 0; border-top: 1px solid var(--line); }
.insp-head { display: flex; flex: none; align-items: center; gap: 6px; min-width: 0; padding: 6px 8px 6px 12px; border-bottom: 1px solid var(--line); }
.insp-title { display: flex; flex: 1 1 auto; flex-wrap: wrap; align-items: center; gap: 2px 8px; min-width: 0; }
.insp-title h2 { flex: 0 1 auto; min-width: 0; max-width: 100%; margin: 0; overflow: hidden; font-size: 14px; font-weight: 700; text-overflow: ellipsis; white-space: nowrap; }
.insp-badges { display: inline-flex; flex: none; align-items: center; gap: 8px; }
.controls { display: flex; flex: none; flex-wrap: wrap; gap: 5px; min-width: 0; padding: 6px 12px; }
.btn-export { margin-left: auto; }
.stop-reason { flex: none; margin: 0 12px 6px; padding: 4px 9px; border-radius: 6px; background: var(--fail-bg); color: var(--fail); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.insp-summary { flex: none; min-width: 0; margin: 0 12px; border: 1px solid var(--line); border-radius: 7px; background: var(--bg2); }
.insp-summary[open] { max-height: 45%; overflow: auto; }
.insp-summary > summary { display: flex; align-items: center; gap: 8px; min-width: 0; padding: 4px 9px; cursor: pointer; list-style: none; color: var(--fg2); }
.insp-summary > summary::-webkit-details-marker { display: none; }
.insp-summary[open] > summary .fold { transform: rotate(90deg); }
.sum-text { display: flex; flex: 1 1 auto; flex-wrap: wrap; gap: 0 12px; min-width: 0; }
.sum-text > span { white-space: nowrap; }
.sum-open { flex: none; font-size: 11px; }
.insp-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 8px; padding: 0 8px 8px; }
.card { min-width: 0; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); }
.card h3, .hist-title { margin: 0 0 6px; color: var(--fg3); font-size: 10.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; }
.card dl { display: grid; gap: 3px; margin: 0; }
.field { display: flex; justify-content: space-between; gap: 10px; min-width: 0; }
.field dt { flex: none; color: var(--fg2); }
.field dd { min-width: 0; margin: 0; text-align: right; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }

.history-section { display: flex; flex: 1 1 auto; flex-direction: column; min-width: 0; min-height: 0; }
.hist-head { display: flex; flex: none; flex-wrap: wrap; align-items: center; gap: 4px 10px; min-width: 0; padding: 6px 12px 4px; }
.hist-head .hist-title { margin: 0; white-space: nowrap; }
.hist-head .hist-title .dim { margin-left: 4px; text-transform: none; letter-spacing: normal; font-weight: 500; }
.pager { display: inline-flex; align-items: center; gap: 2px; margin-left: auto; font-size: 11px; white-space: nowrap; }
.pager .icon-btn { min-width: 22px; height: 22px; }
.hist-wrap { flex: 1 1 auto; min-width: 0; min-height: 0; overflow: auto; padding: 0 12px 8px; }
table.history { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 11.5px; }
.history th { position: sticky; top: 0; z-index: 1; padding: 4px 5px; border-bottom: 1px solid var(--line); background: var(--bg); color: var(--fg3); font-size: 11px; font-weight: 650; text-align: left; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
/* Scrolled to, a row stops below the sticky heading instead of under it. */
.history tbody tr { scroll-margin-top: 26px; }
.history td { padding: 3px 5px; border-bottom: 1px solid var(--line); vertical-align: middle; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.history .num { text-align: right; }
.history .c-idx { width: 36px; } .history .c-time { width: 112px; } .history .c-dur { width: 64px; } .history .c-late { width: 64px; }
.history .c-trig { width: 66px; } .history .c-res { width: 98px; }
.history tr.fail > td:first-child { box-shadow: inset 2px 0 0 var(--dot-fail); }
.result { display: inline-flex; align-items: center; gap: 3px; max-width: 100%; padding: 0 6px; border: 0; border-radius: 4px; font-size: 10.5px; font-weight: 650; line-height: 18px; cursor: pointer; overflow: hidden; text-overflow: ellipsis; }
/* A long error name (IrrecoverableError) ends in an ellipsis instead of being cut. */
.result-text { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.result.ok { background: var(--ok-bg); color: var(--ok); }
.result.fail { background: var(--fail-bg); color: var(--fail); }
.extra-hint { margin-left: 6px; padding: 0 4px; border-radius: 4px; background: var(--bg3); color: var(--fg2); font-size: 10px; }
@container insp (max-width: 540px) { .history .c-late, .history .c-trig { display: none; } .sum-open { display: none; } }
@container insp (max-width: 440px) {
  .controls { gap: 4px; padding: 6px 8px; } .controls .btn { padding: 0 7px; } .btn-export .btn-text { display: none; }
  .sum-text > .sum-mean { display: none; }
}
@container insp (max-width: 400px) {
  .history .c-idx { display: none; } .history .c-time { width: 96px; } .history .c-res { width: 92px; }
  .insp-summary { margin: 0 8px; } .hist-head { padding: 6px 8px 4px; } .hist-wrap { padding: 0 8px 8px; }
}

.detail-row > td { padding: 2px 0 8px; white-space: normal; }
.run-details { display: grid; gap: 6px; min-width: 0; padding: 8px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg2); }
.run-details.error-box { border-color: var(--dot-fail); background: var(--fail-bg); }
.error-title { color: var(--fail); overflow-wrap: anywhere; }
.run-message { overflow-wrap: anywhere; }
.stack { max-height: 180px; margin: 0; overflow: auto; color: var(--fg); font-size: 11px; line-height: 1.45; white-space: pre-wrap; word-break: break-all; }
.run-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.json { min-width: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11px; overflow-wrap: anywhere; }
.json summary { cursor: pointer; }
.j-children { padding-left: 14px; border-left: 1px dotted var(--line); margin-left: 4px; }
.j-key { color: var(--fg2); } .j-kind, .j-null { color: var(--fg3); }
.j-str { color: var(--ok); } .j-num { color: var(--run); } .j-bool { color: var(--accent); }
`
