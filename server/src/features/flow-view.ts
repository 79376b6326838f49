// The flow picture of "Show Mangle Flow" and "Trace Packet…": the firewall's chains as lanes in packet-flow
// order, rules as boxes in order (greyed when RSC4011 finds them unreachable, with hit counts after a
// replay), which packet marks flow into which queues, and, after a trace, each packet's path drawn through
// the boxes with its marks and queue at the end. Two pure functions: flowGraph (the data, from the model)
// (flow-graph.ts) and flowViewHtml (here: the webview page, HTML + script), both unit-tested without an editor.
// Imports only types: the VS Code client bundles this file to draw the page.
import type { FirewallTable } from '../analysis/firewall';

export interface FlowRuleBox {
  line: number;
  action: string;
  /** The rule's matchers, short (`protocol=udp packet-size=39`). */
  matchers: string;
  /** What it sets (`⇒ conn_skype`, `→ classify`, `list skype`). */
  sets: string;
  comment: string;
  disabled: boolean;
  unreachable: boolean;
  hits: number | null;
}

export interface FlowLane {
  family: 'ip' | 'ipv6';
  table: FirewallTable;
  chain: string;
  rules: FlowRuleBox[];
}

export interface FlowPacketPath {
  label: string;
  /** The rules hit in order, as lane key (`ip mangle forward`) and line. */
  steps: { lane: string; line: number; action: string }[];
  connectionMark: string | null;
  packetMark: string | null;
  fasttracked: boolean;
  verdict: string;
  queues: string[];
  nat: string[];
  notModelled: string[];
}

export interface FlowGraph {
  title: string;
  lanes: FlowLane[];
  /** Packet mark -> the queues that take it. */
  markQueues: { mark: string; queues: string[] }[];
  /** Connection mark -> the packet marks set from it. */
  connectionToPacket: { connectionMark: string; packetMarks: string[] }[];
  packets: FlowPacketPath[];
}

export const laneKey = (l: { family: string; table: string; chain: string }): string =>
  `${l.family} ${l.table} ${l.chain}`;

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON safe inside a <script> element. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

/**
 * The webview page. Boxes carry `data-line` (a click asks the editor to show that line) and `data-lane`;
 * the script draws the selected packet's path through its boxes as an SVG line. `cspSource` and `nonce`
 * come from the webview (Content-Security-Policy: no remote content, only this page's script).
 */
export function flowViewHtml(graph: FlowGraph, options: { nonce: string; cspSource: string }): string {
  const lanes = graph.lanes
    .map((lane) => {
      const key = laneKey(lane);
      const boxes = lane.rules
        .map((r) => {
          const cls = ['rule', r.disabled ? 'disabled' : '', r.unreachable ? 'unreachable' : '']
            .filter((c) => c !== '')
            .join(' ');
          const title = [
            r.comment,
            r.unreachable ? 'unreachable (RSC4011)' : '',
            r.disabled ? 'disabled' : '',
          ]
            .filter((x) => x !== '')
            .join(' · ');
          return (
            `<button class="${cls}" data-lane="${esc(key)}" data-line="${r.line}" title="${esc(title || `line ${r.line}`)}">` +
            `<span class="line">${r.line}</span> <span class="action">${esc(r.action)}</span>` +
            (r.matchers ? `<span class="matchers">${esc(r.matchers)}</span>` : '') +
            (r.sets ? `<span class="sets">${esc(r.sets)}</span>` : '') +
            (r.hits !== null ? `<span class="hits">${r.hits} hit${r.hits === 1 ? '' : 's'}</span>` : '') +
            `</button>`
          );
        })
        .join('');
      return (
        `<section class="lane" data-lane="${esc(key)}"><h2>${lane.family === 'ipv6' ? 'IPv6 ' : ''}${esc(lane.table)} ` +
        `<b>${esc(lane.chain)}</b></h2><div class="boxes">${boxes}</div></section>`
      );
    })
    .join('\n');
  const marks =
    graph.connectionToPacket
      .map(
        (c) =>
          `<li>connection <code>${esc(c.connectionMark)}</code> → packet ${c.packetMarks.map((m) => `<code>${esc(m)}</code>`).join(', ')}</li>`,
      )
      .join('') +
    graph.markQueues
      .map(
        (m) =>
          `<li>packet <code>${esc(m.mark)}</code> → queue ${m.queues.map((q) => `<code>${esc(q)}</code>`).join(', ')}</li>`,
      )
      .join('');
  const picker =
    graph.packets.length > 0
      ? `<label>Packet <select id="packet">${graph.packets
          .map((p, k) => `<option value="${k}">${k + 1}: ${esc(p.label)}</option>`)
          .join('')}</select></label><div id="result"></div>`
      : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${options.cspSource} 'nonce-${options.nonce}'; script-src 'nonce-${options.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(graph.title)}</title>
<style nonce="${options.nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); position: relative; }
.lane { margin: 6px 0; padding: 4px; border-left: 3px solid var(--vscode-textLink-foreground); }
.lane h2 { font-size: 0.95em; margin: 0 0 4px 0; font-weight: normal; }
.boxes { display: flex; flex-wrap: wrap; gap: 18px; }
.rule { display: flex; flex-direction: column; align-items: flex-start; max-width: 16em; text-align: left; cursor: pointer;
  border: 1px solid var(--vscode-panel-border, #888); border-radius: 4px; padding: 3px 6px; color: inherit;
  background: var(--vscode-editorWidget-background); font: inherit; font-size: 0.85em; }
.rule .line { opacity: 0.7; } .rule .action { font-weight: bold; } .rule .matchers, .rule .sets { font-family: var(--vscode-editor-font-family); }
.rule .hits { color: var(--vscode-charts-blue, #36c); }
.rule.disabled, .rule.unreachable { opacity: 0.4; text-decoration: line-through; }
.rule.hit { border: 2px solid var(--vscode-charts-orange, #e80); }
.rule.hit::before { content: attr(data-step); font-weight: bold; color: var(--vscode-charts-orange, #e80); }
#path { position: absolute; left: 0; top: 0; pointer-events: none; z-index: 0; }
.rule { position: relative; z-index: 1; }
#result { margin: 6px 0; padding: 6px; border: 1px solid var(--vscode-panel-border, #888); }
.marks code, #result code { font-family: var(--vscode-editor-font-family); }
</style></head>
<body>
<h1>${esc(graph.title)}</h1>
${picker}
${lanes || '<p>No firewall rules in this file.</p>'}
<h2>Marks and queues</h2>
<ul class="marks">${marks || '<li>No mark reaches a queue.</li>'}</ul>
<svg id="path" xmlns="http://www.w3.org/2000/svg"></svg>
<script nonce="${options.nonce}">
const graph = ${scriptJson(graph)};
const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
for (const b of document.querySelectorAll('.rule')) {
  b.addEventListener('click', () => vscode && vscode.postMessage({ type: 'reveal', line: Number(b.dataset.line) }));
}
function esc(s) { return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]); }
function draw(k) {
  const p = graph.packets[k];
  const svg = document.getElementById('path');
  for (const b of document.querySelectorAll('.rule.hit')) { b.classList.remove('hit'); delete b.dataset.step; }
  svg.innerHTML = '';
  if (!p) return;
  const points = [];
  p.steps.forEach((s, i) => {
    const b = document.querySelector('.rule[data-lane="' + s.lane + '"][data-line="' + s.line + '"]');
    if (!b) return;
    b.classList.add('hit');
    b.dataset.step = (b.dataset.step ? b.dataset.step + ',' : '') + (i + 1) + ' ';
    const r = b.getBoundingClientRect();
    const base = document.body.getBoundingClientRect();
    points.push((r.left - base.left + r.width / 2) + ',' + (r.top - base.top + r.height / 2));
  });
  const firstHit = document.querySelector('.rule.hit');
  if (firstHit) firstHit.scrollIntoView({ block: 'center' });
  svg.setAttribute('width', String(document.body.scrollWidth));
  svg.setAttribute('height', String(document.body.scrollHeight));
  if (points.length > 1) {
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', points.join(' '));
    line.setAttribute('fill', 'none');
    line.setAttribute('stroke', 'orange');
    line.setAttribute('stroke-width', '2');
    svg.appendChild(line);
  }
  const out = document.getElementById('result');
  out.innerHTML =
    '<b>' + esc(p.verdict) + '</b>' + (p.fasttracked ? ' · <b>fast-tracked</b> (mangle, filter and queues skipped)' : '') +
    ' · connection mark <code>' + esc(p.connectionMark ?? '(none)') + '</code>' +
    ' · packet mark <code>' + esc(p.packetMark ?? '(none)') + '</code>' +
    ' · queue ' + (p.queues.length ? p.queues.map((q) => '<code>' + esc(q) + '</code>').join(', ') : '(none)') +
    p.nat.map((n) => '<br>' + esc(n)).join('') +
    p.notModelled.map((n) => '<br>' + esc(n)).join('');
}
const select = document.getElementById('packet');
if (select) { select.addEventListener('change', () => draw(Number(select.value))); window.addEventListener('resize', () => draw(Number(select.value))); draw(0); }
</script>
</body></html>
`;
}
