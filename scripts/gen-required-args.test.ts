// Tests for the required-arguments generator on small inline probe records (never ../shared): the three
// classes, RouterOS's argument order, merging equal answers across probes, the nearest-probe ranges in the
// header, and that the rendered module loads as TypeScript data.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classify, compareBuilds, mergeProbes, renderModule, type ProbeRecord } from './gen-required-args';
import { nearestProbe, probeRanges } from '../server/src/schema/required';

const rec = (path: string, required: string[], rawError: string, hasAdd = true): ProbeRecord => ({
  path,
  required,
  hasAdd,
  rawError,
});

const exactFilter = rec(
  '/ip/firewall/filter',
  ['chain'],
  'Script Error: missing value(s) of argument(s) chain (/ip/firewall/filter/add; line 1)',
);
const exactHost = rec(
  '/interface/bridge/host',
  ['bridge', 'interface', 'mac-address'],
  'Script Error: missing value(s) of argument(s) mac-address interface bridge (/interface/bridge/host/add; line 1)',
);
const customWifi = rec(
  '/interface/wifi',
  ['master-interface', 'mld-name', 'radio-mac'],
  'failure: must specify exactly one of radio-mac, master-interface or mld-name (/interface/wifi/add; line 1)',
);
const none = rec('/interface/bridge', [], '');
const probeError = rec(
  '/user/active',
  [],
  'error - contact MikroTik support and send a supout file (3) (/user/active/add; line 1)',
);

describe('classify', () => {
  it('reads an exact "missing value(s)" answer in RouterOS order, without the location', () => {
    assert.deepEqual(classify(exactHost), {
      kind: 'exact',
      args: ['mac-address', 'interface', 'bridge'],
      message: 'Script Error: missing value(s) of argument(s) mac-address interface bridge',
    });
    assert.deepEqual(classify(exactFilter).args, ['chain']);
  });

  it('keeps dotted argument names whole', () => {
    const c = classify(
      rec(
        '/routing/bgp/connection',
        ['instance', 'local.role', 'name'],
        'Script Error: missing value(s) of argument(s) name instance local.role (/routing/bgp/connection/add; line 1)',
      ),
    );
    assert.deepEqual(c.args, ['name', 'instance', 'local.role']);
    assert.equal(c.mismatch, undefined);
  });

  it('flags an exact message whose names differ from the required list', () => {
    const c = classify(
      rec('/x', ['a'], 'Script Error: missing value(s) of argument(s) a b (/x/add; line 1)'),
    );
    assert.equal(c.kind, 'exact');
    assert.deepEqual(c.args, ['a', 'b']);
    assert.match(c.mismatch ?? '', /"a b".*"a"/);
  });

  it('treats a custom text as candidates and keeps the raw message', () => {
    assert.deepEqual(classify(customWifi), {
      kind: 'custom',
      args: ['master-interface', 'mld-name', 'radio-mac'],
      message: 'failure: must specify exactly one of radio-mac, master-interface or mld-name',
    });
  });

  it('calls a successful bare add none, and probe errors or menus without add unknown', () => {
    assert.equal(classify(none).kind, 'none');
    assert.equal(classify(probeError).kind, 'unknown');
    assert.equal(classify(rec('/x', [], 'failure: invalid address (/x/add; line 1)')).kind, 'unknown');
    assert.equal(classify({ ...exactFilter, hasAdd: false }).kind, 'unknown');
  });
});

describe('mergeProbes', () => {
  it('orders builds with a release candidate before its release', () => {
    const builds = ['7.23rc1', '7.22.1', '7.23', '7.20.8', '7.9'];
    assert.deepEqual([...builds].sort(compareBuilds), ['7.9', '7.20.8', '7.22.1', '7.23rc1', '7.23']);
  });

  it('merges equal answers across probes and keeps changed ones apart', () => {
    const changed = rec(
      '/ip/firewall/filter',
      ['action', 'chain'],
      'Script Error: missing value(s) of argument(s) chain action (/ip/firewall/filter/add; line 1)',
    );
    const m = mergeProbes([
      { version: '7.23rc1', records: [changed, customWifi] },
      { version: '7.20.8', records: [exactFilter, customWifi, probeError, none] },
    ]);
    assert.deepEqual(m.probes, ['7.20.8', '7.23rc1']);
    const filter = m.menus.get('/ip/firewall/filter') ?? [];
    assert.deepEqual(
      filter.map((v) => [v.probes, v.args.join(' ')]),
      [
        [1, 'chain'],
        [2, 'chain action'],
      ],
    );
    assert.equal(m.menus.get('/interface/wifi')?.[0].probes, 3);
    assert.equal(m.menus.get('/interface/bridge')?.[0].kind, 'none');
    assert.equal(m.menus.has('/user/active'), false);
    assert.deepEqual(
      { exact: m.stats.exact, custom: m.stats.custom, none: m.stats.none, unknown: m.stats.unknown },
      { exact: 2, custom: 2, none: 1, unknown: 1 },
    );
  });
});

describe('nearest probe', () => {
  const probes = ['7.20.8', '7.22.1', '7.23rc1'];
  it('maps each minor to the nearest probe, the newer one on a tie', () => {
    assert.equal(nearestProbe(9, probes), 0);
    assert.equal(nearestProbe(20, probes), 0);
    assert.equal(nearestProbe(21, probes), 1);
    assert.equal(nearestProbe(22, probes), 1);
    assert.equal(nearestProbe(23, probes), 2);
    assert.equal(nearestProbe(30, probes), 2);
    assert.equal(nearestProbe(22, []), -1);
  });

  it('states the range each probe answers for', () => {
    const minors = ['7.18', '7.19', '7.20', '7.21', '7.22', '7.23', '7.24'];
    assert.deepEqual(probeRanges(minors, probes), [
      { probe: '7.20.8', from: '7.18', to: '7.20' },
      { probe: '7.22.1', from: '7.21', to: '7.22' },
      { probe: '7.23rc1', from: '7.23', to: '7.24' },
    ]);
  });
});

describe('renderModule', () => {
  it('writes the mapping in the header and data that evaluates to the merged entries', () => {
    const m = mergeProbes([
      { version: '7.20.8', records: [exactHost, customWifi] },
      { version: '7.22.1', records: [exactHost] },
    ]);
    const text = renderModule(m, ['7.19', '7.20', '7.21', '7.22']);
    assert.match(text, /7\.19 \.\.\. 7\.20 -> 7\.20\.8; 7\.21 \.\.\. 7\.22 -> 7\.22\.1\./);
    // The data part is plain object literals: evaluate it without the type annotations.
    const data = text.slice(text.indexOf('export const REQUIRED_ARGS'));
    const literal = data.slice(data.indexOf('= {') + 2).replace(/;\s*$/, '');
    const parsed = new Function(`return (${literal});`)() as Record<string, unknown>;
    assert.deepEqual(parsed, {
      '/interface/bridge/host': [
        {
          probes: 3,
          kind: 'exact',
          args: ['mac-address', 'interface', 'bridge'],
          message: 'Script Error: missing value(s) of argument(s) mac-address interface bridge',
        },
      ],
      '/interface/wifi': [
        {
          probes: 1,
          kind: 'custom',
          args: ['master-interface', 'mld-name', 'radio-mac'],
          message: 'failure: must specify exactly one of radio-mac, master-interface or mld-name',
        },
      ],
    });
    assert.match(text, /REQUIRED_PROBES: readonly string\[\] = \["7\.20\.8","7\.22\.1"\]/);
  });
});
