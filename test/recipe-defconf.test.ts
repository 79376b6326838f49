// Issue 20: the Skype NAck recipe appended to RouterOS 7's default configuration (the firewall part,
// test/fixtures/defconf/) must lint with no error and no warning, for several address sets and options,
// and must have what makes it shape on a real router: FastTrack kept off the Skype connections, a limited
// parent per direction with a Skype child (limit-at, priority 1) and a default child (no-mark, priority 8),
// protocol=udp on every connection-rate rule, and detection only from the WAN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../server/src/lint';
import { parse } from '../server/src/syntax';
import { firewallModel, readRange, type FirewallRule, type Queue } from '../server/src/analysis';
import { generateSkypeNack, type SkypeNackOptions } from '../server/src/codegen';

const DEFCONF = readFileSync(join(__dirname, 'fixtures', 'defconf', 'routeros7-firewall.rsc'), 'utf8');

const CASES: [string, SkypeNackOptions][] = [
  ['one address (the issue)', { publicIps: ['213.45.67.89/32'], upload: '20M', download: '100M' }],
  ['the thread: two /8', { publicIps: ['92.0.0.0/8', '213.0.0.0/8'], upload: '2M', download: '8M' }],
  [
    'prerouting, DSCP, a /20 and a /16, own WAN list',
    {
      publicIps: ['81.2.64.0/20', '5.57.0.0/16'],
      upload: '10M',
      download: '50M',
      chain: 'prerouting',
      dscp: 46,
      wanList: 'WAN',
    },
  ],
  [
    'strict, one WAN interface instead of the list',
    {
      publicIps: ['84.12.200.7'],
      upload: '1M',
      download: '16M',
      pattern: 'strict',
      inInterface: 'ether1',
      queue: { kind: 'tree', wanInterface: 'ether1', lanInterface: 'bridge' },
    },
  ],
  [
    'simple queues for the LAN',
    {
      publicIps: ['213.45.67.0/24'],
      upload: '20M',
      download: '100M',
      queue: { kind: 'simple', target: '192.168.88.0/24' },
    },
  ],
  ['RouterOS 6 target', { publicIps: ['213.45.67.89/32'], upload: '20M', download: '100M', target: '6' }],
  [
    'no queue, none-dynamic timeout, video rate',
    {
      publicIps: ['62.0.0.0/8'],
      queue: { kind: 'none' },
      timeout: 'none-dynamic',
      rate: '0-1500k',
    },
  ],
];

function problems(text: string, target: string): string[] {
  return lintText(text, { target })
    .diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => `${d.code} line ${text.slice(0, d.start).split('\n').length}: ${d.message}`);
}

const literal = (r: FirewallRule | Queue, name: string): string | undefined => {
  const p = r.item.props.get(name);
  return p && !p.value.computed ? (p.value.negated ? '!' : '') + p.value.text : undefined;
};

for (const [name, options] of CASES) {
  test(`recipe on the RouterOS 7 default configuration: ${name}`, () => {
    const recipe = generateSkypeNack(options);
    const text = DEFCONF + '\n' + recipe.rsc;
    // RouterOS 6 has no `hw-offload` and the fixture is a v7 one; the recipe itself is what is judged.
    assert.deepEqual(problems(text, options.target === '6' ? '6' : 'latest'), []);

    const model = firewallModel(parse(text), text);
    const mangle = model.rules.filter((r) => r.table === 'mangle');
    // protocol on every rule with connection-rate / connection-bytes (the manual: they need it).
    for (const r of mangle) {
      if (r.prop('connection-rate') || r.prop('connection-bytes'))
        assert.equal(literal(r, 'protocol'), 'udp', `line ${r.line}`);
    }
    // Detection only from the WAN; the postrouting copy keeps the restriction (not towards the WAN).
    const detect = mangle.filter((r) => r.action === 'add-src-to-address-list');
    assert.ok(detect.length >= 1);
    for (const r of detect) {
      if (r.chain === 'postrouting') {
        assert.ok(
          literal(r, 'out-interface-list') === '!WAN' || literal(r, 'out-interface') === '!ether1',
          `postrouting copy on line ${r.line}`,
        );
      } else {
        assert.ok(
          literal(r, 'in-interface-list') === (options.wanList ?? 'WAN') ||
            literal(r, 'in-interface') === options.inInterface,
          `detection on line ${r.line}`,
        );
      }
    }
    // FastTrack: the default rule no longer takes the Skype connections (tree) or is off (simple).
    const ft = model.rules.find((r) => r.action === 'fasttrack-connection');
    assert.ok(ft);
    if (options.queue?.kind === 'simple') assert.equal(ft.disabled, true);
    else assert.equal(literal(ft, 'connection-mark'), 'no-mark');

    // Queues: per direction a limited parent, Skype child (limit-at <= max-limit, priority 1), default child.
    const queues = model.queues;
    if (options.queue?.kind === 'none') {
      assert.equal(queues.length, 0);
      return;
    }
    const rateOf = (q: Queue, name: string, side = 0): number => {
      const v = literal(q, name);
      assert.ok(v !== undefined, `${name} on line ${q.line}`);
      const r = readRange('connection-rate', v.split('/')[side]);
      assert.ok(r.ok);
      return r.from;
    };
    if (options.queue?.kind === 'simple') {
      assert.equal(queues.length, 3);
      const [parent, skype, other] = queues;
      assert.equal(literal(skype, 'parent'), parent.name);
      assert.equal(literal(other, 'parent'), parent.name);
      assert.equal(skype.priority, 1);
      assert.equal(other.priority, 8);
      assert.deepEqual(skype.packetMarks, ['skype']);
      for (const side of [0, 1])
        assert.ok(rateOf(skype, 'limit-at', side) <= rateOf(parent, 'max-limit', side));
      return;
    }
    const parents = queues.filter((q) => !queues.some((p) => p.name === q.parent));
    assert.deepEqual(
      parents.map((p) => p.parent),
      [options.queue?.kind === 'tree' ? (options.queue.wanInterface ?? 'ether1') : 'ether1', 'bridge'],
    );
    for (const p of parents) {
      const line = readRange(
        'connection-rate',
        options[p.parent === 'bridge' ? 'download' : 'upload'] as string,
      );
      assert.ok(line.ok);
      const max = rateOf(p, 'max-limit');
      assert.ok(
        max <= line.from * 0.9 && max >= line.from * 0.89,
        `parent ${p.name}: ${max} of ${line.from}`,
      );
      const kids = queues.filter((q) => q.parent === p.name);
      assert.equal(kids.length, 2);
      const skype = kids.find((k) => k.packetMarks.includes('skype'));
      const other = kids.find((k) => literal(k, 'packet-mark') === 'no-mark');
      assert.ok(skype && other);
      assert.equal(skype.priority, 1);
      assert.equal(other.priority, 8);
      assert.ok(rateOf(skype, 'limit-at') > 0 && rateOf(skype, 'limit-at') <= max);
    }
  });
}

test('the bare default configuration lints clean too (the fixture is a fair base)', () => {
  assert.deepEqual(problems(DEFCONF, 'latest'), []);
});

test('the old recipe (no protocol on the packet mark, queue under global) is what the lints now catch', () => {
  const old = `${DEFCONF}
/ip firewall mangle
add chain=forward action=mark-connection protocol=udp src-address-list=skype connection-rate=0-50k new-connection-mark=conn_skype passthrough=yes
add chain=forward action=mark-packet connection-mark=conn_skype connection-rate=0-50k new-packet-mark=skype passthrough=no
/queue tree
add name=skype parent=global packet-mark=skype priority=1
`;
  const codes = problems(old, 'latest').map((p) => p.split(' ')[0]);
  // FastTrack takes the marked connections, the packet-mark rule lacks protocol=, priority has no limit.
  for (const code of ['RSC4010', 'RSC4016', 'RSC4012'])
    assert.ok(codes.includes(code), `${code} in ${codes.join(',')}`);
});

test('--existing: a catch-all of the user would hide the recipe; its rules go before it (place-before)', () => {
  const existing = `${DEFCONF}
/ip firewall mangle
add action=accept chain=forward comment="all the rest"
`;
  const options: SkypeNackOptions = { publicIps: ['213.45.67.89/32'], upload: '20M', download: '100M' };
  // Appended as is, RSC4011 names the catch-all for every recipe rule in forward.
  const plain = generateSkypeNack(options).rsc;
  const hidden = problems(existing + plain, 'latest').filter((p) => p.startsWith('RSC4011'));
  assert.equal(hidden.length, 4, hidden.join('\n'));
  assert.ok(hidden.every((p) => /the rule on line \d+ \(accept\)/.test(p)));
  // With the configuration given, the rules are placed before it and nothing is hidden.
  const placed = generateSkypeNack({ ...options, existing }).rsc;
  assert.equal((placed.match(/place-before=\[find comment="all the rest"\]/g) ?? []).length, 4);
  assert.deepEqual(problems(existing + placed, 'latest'), []);
  const model = firewallModel(parse(existing + placed), existing + placed);
  const forward = model.chain('ip', 'mangle', 'forward');
  assert.equal(forward[forward.length - 1].literal('comment'), 'all the rest');
  // No unique comment to place by: a warning names the line instead.
  const noComment = existing.replace(' comment="all the rest"', '');
  const warned = generateSkypeNack({ ...options, existing: noComment });
  assert.ok(
    warned.warnings.some((w) => /^line \d+ of your configuration \(accept in chain forward\)/.test(w)),
    warned.warnings.join('\n'),
  );
  assert.doesNotMatch(warned.rsc, /place-before=/);
});
