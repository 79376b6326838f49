// Tests for the flow picture: the graph data (lanes in packet-flow order, unreachable rules from RSC4011
// lines, marks into queues, hit counts, traced paths) and the webview page made from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../syntax';
import { buildFirewallModel } from '../analysis';
import { flowGraph } from './flow-graph';
import { flowViewHtml, laneKey } from './flow-view';
import { traceConfigText } from './trace';

const CONFIG = [
  '/ip address add address=192.168.88.1/24 interface=lan', // 1
  '/ip address add address=92.50.1.2/24 interface=wan', // 2
  '/ip route add gateway=92.50.1.1', // 3
  '/ip firewall nat add chain=srcnat out-interface=wan action=masquerade', // 4
  '/ip firewall filter add chain=forward action=accept', // 5
  '/ip firewall filter add chain=forward action=drop comment="never <reached>"', // 6
  '/ip firewall mangle add chain=forward protocol=udp action=mark-connection new-connection-mark=c', // 7
  '/ip firewall mangle add chain=forward connection-mark=c action=mark-packet new-packet-mark=p passthrough=no', // 8
  '/ip firewall mangle add chain=prerouting action=jump jump-target=mine', // 9
  '/ip firewall mangle add chain=mine action=passthrough', // 10
  '/queue tree add name=q parent=global packet-mark=p', // 11
].join('\n');

const model = () => buildFirewallModel(parse(CONFIG), CONFIG);

test('graph: lanes in packet-flow order, custom chains after, unreachable lines, marks into queues', () => {
  const g = flowGraph(model(), { title: 'T', unreachableLines: new Set([6]) });
  assert.deepEqual(
    g.lanes.map((l) => laneKey(l)),
    ['ip mangle prerouting', 'ip mangle forward', 'ip filter forward', 'ip nat srcnat', 'ip mangle mine'],
  );
  const filter = g.lanes[2];
  assert.deepEqual(
    filter.rules.map((r) => [r.line, r.action, r.unreachable, r.hits]),
    [
      [5, 'accept', false, null],
      [6, 'drop', true, null],
    ],
  );
  assert.equal(g.lanes[1].rules[0].sets, '⇒ c');
  assert.equal(g.lanes[1].rules[1].sets, '⇒ p stop');
  assert.equal(g.lanes[1].rules[1].matchers, 'connection-mark=c');
  assert.deepEqual(g.markQueues, [{ mark: 'p', queues: ['q'] }]);
  assert.deepEqual(g.connectionToPacket, [{ connectionMark: 'c', packetMarks: ['p'] }]);
  assert.deepEqual(g.packets, []);
});

test('graph of a trace: hit counts on every rule, each packet path in order', () => {
  const { report, hits } = traceConfigText(CONFIG, [
    'udp 192.168.88.10:5000 > 8.8.8.8:53 in=lan',
    'tcp 192.168.88.10:5001 > 8.8.8.8:80 in=lan',
  ]);
  const g = flowGraph(model(), { title: 'T', hits, packets: report.packets });
  assert.deepEqual(
    g.lanes.flatMap((l) => l.rules.map((r) => [r.line, r.hits])),
    [
      [9, 2],
      [7, 1],
      [8, 1],
      [5, 2],
      [6, 0],
      [4, 2],
      [10, 2],
    ],
  );
  assert.deepEqual(
    g.packets[0].steps.map((s) => `${s.lane}:${s.line}`),
    [
      'ip mangle prerouting:9',
      'ip mangle mine:10',
      'ip mangle forward:7',
      'ip mangle forward:8',
      'ip filter forward:5',
      'ip nat srcnat:4',
    ],
  );
  assert.deepEqual(g.packets[0].queues, ['q']);
  assert.deepEqual(g.packets[0].nat, ['src-nat 192.168.88.10:5000 → 92.50.1.2:5000']);
});

/** The page's script, which must at least parse as JavaScript. */
const scriptOf = (html: string): string => {
  const m = /<script nonce="[^"]+">([\s\S]*)<\/script>/.exec(html);
  assert.ok(m, 'the page has its script');
  return m[1];
};

test('page: boxes linked to lines, unreachable greyed, escaped text, CSP with the nonce', () => {
  const html = flowViewHtml(flowGraph(model(), { title: 'Flow <x>', unreachableLines: new Set([6]) }), {
    nonce: 'N0nce',
    cspSource: 'vscode-resource:',
  });
  assert.match(html, /script-src 'nonce-N0nce'/);
  assert.match(html, /<script nonce="N0nce">/);
  assert.match(html, /<title>Flow &lt;x&gt;<\/title>/);
  assert.match(
    html,
    /<button class="rule unreachable" data-lane="ip filter forward" data-line="6" title="never &lt;reached&gt; · unreachable \(RSC4011\)">/,
  );
  assert.match(html, /data-lane="ip mangle forward" data-line="7"/);
  assert.match(html, /packet <code>p<\/code> → queue <code>q<\/code>/);
  assert.match(html, /connection <code>c<\/code> → packet <code>p<\/code>/);
  assert.ok(!html.includes('<select id="packet">'), 'no packet picker without a trace');
  assert.ok(!html.includes('never <reached>'));
  assert.doesNotThrow(() => new Function(scriptOf(html)));
});

test('page of a trace: a packet picker, the data embedded safely for the path drawing', () => {
  const text = CONFIG.replace('never <reached>', '</script><b>');
  const { report, hits } = traceConfigText(text, ['udp 192.168.88.10:5000 > 8.8.8.8:53 in=lan']);
  const g = flowGraph(buildFirewallModel(parse(text), text), {
    title: 'Trace',
    hits,
    packets: report.packets,
  });
  const html = flowViewHtml(g, { nonce: 'n', cspSource: 'x' });
  assert.match(
    html,
    /<select id="packet"><option value="0">1: udp 192\.168\.88\.10:5000 &gt; 8\.8\.8\.8:53 in=lan<\/option><\/select>/,
  );
  assert.match(html, /<span class="hits">1 hit<\/span>/);
  assert.match(html, /<span class="hits">0 hits<\/span>/);
  const script = scriptOf(html);
  assert.ok(!script.includes('</script>'), 'a comment cannot end the script');
  const json = /const graph = (.*);\n/.exec(script);
  assert.ok(json);
  const embedded = JSON.parse(json[1]) as { packets: { steps: unknown[] }[] };
  assert.equal(embedded.packets[0].steps.length, 6);
  assert.doesNotThrow(() => new Function(script));
});
