// Tests for the schema generator on small synthetic inputs: version merging, version runs, the
// encoding round trip through the decoder, and the parsing of every `desc` shape RouterOS 7.9 ... 7.24
// uses (one example per shape, listed below; the test never reads ../shared).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  encodeSchema,
  mergeVersions,
  parseDesc,
  selectVersions,
  compareVersions,
  type InspectNode,
} from './gen-schema';
import { DecodedTree } from '../server/src/schema/tree';
import { decodeVersionSet, encodeVersionSet } from '../server/src/schema/format';
import { hasVersion, type Target } from '../server/src/schema/types';

/** One example of every distinct desc shape found in the inspect dumps, with the kind it must parse to. */
const DESC_SHAPES: readonly [string, string][] = [
  ['-3w3d20h31m23s..3w3d20h31m23s    (time interval)', 'time'],
  ['..1h    (time interval)', 'time'],
  ['..2h30m    (time interval)', 'time'],
  ['..30m    (time interval)', 'time'],
  ['..30s    (time interval)', 'time'],
  ['..35w3d13h13m56s    (time interval)', 'time'],
  ['0..4294967295', 'number'],
  ['00:00:00.020..00:00:05    (time interval)', 'time'],
  ['00:00:00.200..    (time interval)', 'time'],
  ['0s..18h12m15s    (time interval)', 'time'],
  ['0s..1d    (time interval)', 'time'],
  ['0s..1m10s    (time interval)', 'time'],
  ['0s..1w    (time interval)', 'time'],
  ['0s..2h30m    (time interval)', 'time'],
  ['0s..7w17h2m47s    (time interval)', 'time'],
  ['100ms..    (time interval)', 'time'],
  ['100ms..1s    (time interval)', 'time'],
  ['10ms..1m    (time interval)', 'time'],
  ['10ms..4m15s    (time interval)', 'time'],
  ['10ms..4w    (time interval)', 'time'],
  ['10s..1w4d13h46m40s    (time interval)', 'time'],
  ['12h..    (time interval)', 'time'],
  ['12h..7101w3d6h28m15s    (time interval)', 'time'],
  ['1m..1d    (time interval)', 'time'],
  ['1m..71w2h27m52s950ms    (time interval)', 'time'],
  ['1s..    (time interval)', 'time'],
  ['1s..1m    (time interval)', 'time'],
  ['1s..42w6d    (time interval)', 'time'],
  ['1s..6w3d12h15m    (time interval)', 'time'],
  ['1s..71w2h27m52s950ms    (time interval)', 'time'],
  ['20ms..71w2h27m52s950ms    (time interval)', 'time'],
  ['3s..1h    (time interval)', 'time'],
  ['4s..30s    (time interval)', 'time'],
  ['5m..    (time interval)', 'time'],
  ['5m..7101w3d6h28m15s    (time interval)', 'time'],
  ['A.B.C.D    (IP address)', 'ip'],
  ['A.B.C.D/M    (IP prefix)', 'ip-prefix'],
  ['A.B.C.D[-A.B.C.D |0..32 |/A.B.C.D ]    (IP address range)', 'ip-range'],
  ['AB[:|-|.]CD[:|-|.]EF[:|-|.]GH[:|-|.]IJ[:|-|.]KL    (MAC address)', 'mac'],
  ['IPv6/0..128    (IPv6 prefix)', 'ipv6-prefix'],
  [
    'digital-signature|content-commitment|key-encipherment|data-encipherment|key-agreement|key-cert-sign|crl-sign|encipher-only|decipher-only|tls-server|tls-client|code-sign|email-protect|timestamp|ocsp-sign|dvcs[,KeyUsage*]',
    'enum',
  ],
  ['hexadecimal string value', 'string'],
  ['hexadecimal string value, max length 16', 'string'],
  ['hexadecimal string value, min length 128', 'string'],
  ['json.no-string-conversion[,JsonOptions*]', 'enum'],
  ['json.pretty[,JsonOptions*]', 'enum'],
  ['none | A.B.C.D    (IP address)', 'one-of'],
  ['script', 'script'],
  ['see documentation', 'unknown'],
  ['string value', 'string'],
  ['string value, max length 20', 'string'],
  ['string value, min length 1', 'string'],
  ['string value, min length 3, max length 3', 'string'],
  ['time interval', 'time'],
  ['unspecified | A.B.C.D    (IP address)', 'one-of'],
];

describe('parseDesc', () => {
  it('handles every desc shape found in the data', () => {
    for (const [desc, kind] of DESC_SHAPES) {
      const t = parseDesc(desc);
      assert.ok(t, `unparsed: ${desc}`);
      assert.equal(t.kind, kind, desc);
    }
  });
  it('reads time bounds in milliseconds, open ends and clock form', () => {
    assert.deepEqual(parseDesc('0s..1d    (time interval)'), { kind: 'time', min: 0, max: 86400000 });
    assert.deepEqual(parseDesc('..30s    (time interval)'), { kind: 'time', max: 30000 });
    assert.deepEqual(parseDesc('00:00:00.200..    (time interval)'), { kind: 'time', min: 200 });
    assert.deepEqual(parseDesc('00:00:00.020..00:00:05    (time interval)'), {
      kind: 'time',
      min: 20,
      max: 5000,
    });
    assert.deepEqual(parseDesc('1s..71w2h27m52s950ms    (time interval)'), {
      kind: 'time',
      min: 1000,
      max: 42949672950,
    });
    const neg = parseDesc('-3w3d20h31m23s..3w3d20h31m23s    (time interval)');
    assert.ok(neg && neg.kind === 'time' && neg.min === -(neg.max ?? 0));
  });
  it('reads enumerations, with and without the list form', () => {
    assert.deepEqual(parseDesc('pap|chap|mschap1|mschap2[,Authentication*]'), {
      kind: 'enum',
      values: ['pap', 'chap', 'mschap1', 'mschap2'],
      list: true,
    });
    assert.deepEqual(parseDesc('yes|no'), { kind: 'enum', values: ['yes', 'no'] });
    assert.deepEqual(parseDesc('json.pretty[,JsonOptions*]'), {
      kind: 'enum',
      values: ['json.pretty'],
      list: true,
    });
  });
  it('reads numbers, strings and named alternatives', () => {
    assert.deepEqual(parseDesc('0..4294967295'), { kind: 'number', min: 0, max: 4294967295 });
    assert.deepEqual(parseDesc('0..100    (percent)'), { kind: 'number', min: 0, max: 100 });
    assert.deepEqual(parseDesc('string value, min length 3, max length 3'), {
      kind: 'string',
      min: 3,
      max: 3,
    });
    assert.deepEqual(parseDesc('hexadecimal string value, max length 16'), {
      kind: 'string',
      max: 16,
      hex: true,
    });
    assert.deepEqual(parseDesc('none | A.B.C.D    (IP address)'), {
      kind: 'one-of',
      types: [{ kind: 'enum', values: ['none'] }, { kind: 'ip' }],
    });
  });
  it('returns undefined for shapes it does not know', () => {
    assert.equal(parseDesc('something new    (quantum address)'), undefined);
    assert.equal(parseDesc('free text with spaces'), undefined);
  });
});

describe('versions', () => {
  it('keeps the newest patch per minor, numerically sorted', () => {
    assert.deepEqual(selectVersions(['7.10.1', '7.9.2', '7.10.2', '7.9', '7.24']), [
      '7.9.2',
      '7.10.2',
      '7.24',
    ]);
    assert.ok(compareVersions('7.9.2', '7.10') < 0);
  });
  it('encodes version sets as runs and reads them back', () => {
    const cases: [number, string][] = [
      [0b1111, '0-'],
      [0b0110, '1-2'],
      [0b1000, '3'],
      [0b1011, '0-1,3'],
      [0b0001, '0'],
    ];
    for (const [set, text] of cases) {
      assert.equal(encodeVersionSet(set, 4), text);
      assert.equal(decodeVersionSet(text, 4), set);
    }
  });
});

const v1: InspectNode = {
  put: { _type: 'cmd', message: { _type: 'arg', desc: 'string value' } },
  ip: {
    _type: 'path',
    firewall: {
      _type: 'dir',
      filter: {
        _type: 'dir',
        add: { _type: 'cmd', chain: { _type: 'arg' }, mode: { _type: 'arg', desc: 'a|b[,Mode*]' } },
      },
    },
    old: { _type: 'dir', print: { _type: 'cmd' } },
  },
};
const v2: InspectNode = {
  ip: {
    _type: 'path',
    firewall: {
      _type: 'dir',
      filter: {
        _type: 'dir',
        add: {
          _type: 'cmd',
          mode: { _type: 'arg', desc: 'a|b|c[,Mode*]' },
          chain: { _type: 'arg' },
          timeout: { _type: 'arg', desc: '0s..1d    (time interval)' },
        },
      },
    },
  },
  put: { _type: 'cmd', message: { _type: 'arg', desc: 'string value' } },
};
const v3: InspectNode = {
  ...v2,
  ip: { ...(v2.ip as InspectNode), old: { _type: 'dir', print: { _type: 'cmd' } } },
};

describe('mergeVersions + encodeSchema', () => {
  const tree = mergeVersions([
    { version: '7.11', tree: v3 },
    { version: '7.9', tree: v1 },
    { version: '7.10', tree: v2 },
  ]);
  const { data, stats } = encodeSchema(tree);
  const decoded = new DecodedTree(data);

  it('sorts versions and records where each node exists', () => {
    assert.deepEqual(tree.versions, ['7.9', '7.10', '7.11']);
    const ip = tree.root.children.get('ip');
    assert.equal(ip?.kind, 'path');
    assert.equal(ip?.children.get('old')?.versions, 0b101);
    assert.deepEqual(tree.conflicts, []);
  });
  it('round-trips through the decoder with versions and per-version types', () => {
    const add = decoded.root.child('ip')?.child('firewall')?.child('filter')?.child('add');
    assert.equal(add?.kind, 'command');
    const timeout = add?.child('timeout');
    assert.equal(timeout?.versions, 0b110);
    assert.deepEqual(timeout?.type, { kind: 'time', min: 0, max: 86400000 });
    const mode = add?.child('mode');
    assert.equal(mode?.types.length, 2);
    const inV1 = mode?.types.find((t) => hasVersion(t.versions, 0));
    assert.deepEqual(inV1?.type, { kind: 'enum', values: ['a', 'b'], list: true });
    assert.deepEqual(mode?.type, { kind: 'enum', values: ['a', 'b', 'c'], list: true });
    assert.deepEqual(add?.child('chain')?.type, { kind: 'unknown' });
    assert.equal(decoded.root.child('ip')?.child('old')?.versions, 0b101);
    assert.equal(decoded.root.child('ip')?.kind, 'path');
    assert.equal(decoded.root.child('put')?.kind, 'command');
  });
  it('counts nodes and is deterministic whatever the key order', () => {
    assert.equal(stats.menus, 4);
    assert.equal(stats.commands, 3);
    assert.equal(stats.args, 4);
    const again = encodeSchema(
      mergeVersions([
        { version: '7.9', tree: v1 },
        { version: '7.10', tree: v2 },
        { version: '7.11', tree: v3 },
      ]),
    );
    assert.equal(again.data, data);
  });
  it('reports a kind that changes between versions', () => {
    const t = mergeVersions([
      { version: '7.9', tree: { x: { _type: 'cmd' } } },
      { version: '7.10', tree: { x: { _type: 'dir' } } },
    ]);
    assert.equal(t.conflicts.length, 1);
    assert.equal(t.root.children.get('x')?.kind, 'dir');
  });
});

describe('base dumps: which nodes need an extra package', () => {
  // Full trees: a package menu `pkg` (both versions), an argument `raid` of `disk add` only in full, a
  // menu `veth` that leaves base in the second version, and `wl`, which only base has in the first.
  const full1: InspectNode = {
    disk: { _type: 'dir', add: { _type: 'cmd', type: { _type: 'arg' }, raid: { _type: 'arg' } } },
    pkg: { _type: 'dir', sub: { _type: 'dir', print: { _type: 'cmd', detail: { _type: 'arg' } } } },
    veth: { _type: 'dir', add: { _type: 'cmd' } },
  };
  const full2: InspectNode = { ...full1, wl: { _type: 'dir', print: { _type: 'cmd' } } };
  const base1: InspectNode = {
    disk: { _type: 'dir', add: { _type: 'cmd', type: { _type: 'arg' } } },
    veth: { _type: 'dir', add: { _type: 'cmd' } },
    wl: { _type: 'dir', print: { _type: 'cmd' } },
  };
  const base2: InspectNode = { disk: base1.disk };
  const tree = mergeVersions(
    [
      { version: '7.1', tree: full1 },
      { version: '7.2', tree: full2 },
    ],
    [
      { version: '7.1', tree: base1 },
      { version: '7.2', tree: base2 },
    ],
  );
  const { data, stats } = encodeSchema(tree);
  const decoded = new DecodedTree(data);
  const t = (index: number): Target => ({ label: `7.${index + 1}`, index, v6: false, exact: true });

  it('marks only the topmost node of each subtree base lacks', () => {
    assert.equal(stats.packageNodes, 4); // pkg, raid, veth (second version), wl (second version)
    assert.match(data, /^\+pkg!$/m);
    assert.match(data, /^\+veth!1$/m);
    assert.match(data, / raid!( |$)/m);
    assert.doesNotMatch(data, /sub!|print!|detail!/);
  });
  it('decodes the marks, inherited by everything below', () => {
    const detail = decoded.root.child('pkg')?.child('sub')?.child('print')?.child('detail');
    assert.ok(detail?.needsPackageIn(t(0)) && detail.needsPackageIn(t(1)));
    const add = decoded.root.child('disk')?.child('add');
    assert.equal(add?.needsPackageIn(t(1)), false);
    assert.equal(add?.child('type')?.needsPackageIn(t(1)), false);
    assert.equal(add?.child('raid')?.needsPackageIn(t(0)), true);
    const veth = decoded.root.child('veth');
    assert.equal(veth?.needsPackageIn(t(0)), false);
    assert.equal(veth?.child('add')?.needsPackageIn(t(1)), true);
  });
  it('keeps nodes only base has, as base', () => {
    const wl = decoded.root.child('wl');
    assert.equal(wl?.versions, 0b11);
    assert.equal(wl?.needsPackageIn(t(0)), false);
    assert.equal(wl?.needsPackageIn(t(1)), true);
  });
  it('treats every node as base without base dumps', () => {
    const plain = encodeSchema(mergeVersions([{ version: '7.1', tree: full1 }]));
    assert.equal(plain.stats.packageNodes, 0);
    assert.doesNotMatch(plain.data, /!/);
  });
});
