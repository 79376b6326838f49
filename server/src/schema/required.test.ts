// Tests for the required-arguments data and its lookup: every menu and argument the probes name exists in
// the command tree, targets map to the nearest probe with the range stated, and unknown stays unknown.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REQUIRED_ARGS, REQUIRED_PROBES } from './generated/required-args-data';
import { parseTarget, requiredArgs, resolveMenu, VERSIONS } from './index';
import { probeRanges } from './required';

describe('required-args data', () => {
  it('names only menus with add and arguments add takes', () => {
    for (const [path, variants] of Object.entries(REQUIRED_ARGS)) {
      const add = resolveMenu(path.slice(1).split('/'))?.child('add');
      assert.ok(add && add.kind === 'command', `${path} add`);
      for (const v of variants)
        for (const a of v.args) assert.equal(add.child(a)?.kind, 'arg', `${path} add ${a}=`);
    }
  });

  it('gives each menu at most one answer per probe, and exact answers a RouterOS message', () => {
    for (const [path, variants] of Object.entries(REQUIRED_ARGS)) {
      let seen = 0;
      for (const v of variants) {
        assert.equal(seen & v.probes, 0, path);
        seen |= v.probes;
        if (v.kind === 'exact') {
          assert.ok(v.args.length > 0, path);
          assert.equal(v.message, `Script Error: missing value(s) of argument(s) ${v.args.join(' ')}`);
        }
        if (v.kind === 'none') assert.deepEqual([v.args.length, v.message], [0, ''], path);
      }
    }
  });

  it('covers every minor of the command tree with one probe', () => {
    const ranges = probeRanges(VERSIONS, REQUIRED_PROBES);
    assert.deepEqual(
      ranges.map((r) => r.probe),
      [...REQUIRED_PROBES],
    );
    assert.equal(ranges[0].from, VERSIONS[0]);
    assert.equal(ranges[ranges.length - 1].to, VERSIONS[VERSIONS.length - 1]);
  });
});

describe('requiredArgs', () => {
  const filter = ['ip', 'firewall', 'filter'];
  it('answers with the nearest probe and states its range', () => {
    const latest = requiredArgs(filter, parseTarget('latest'));
    assert.deepEqual(latest && { ...latest }, {
      kind: 'exact',
      args: ['chain'],
      message: 'Script Error: missing value(s) of argument(s) chain',
      probe: '7.23rc1',
      range: '7.23–7.24',
    });
    assert.equal(requiredArgs(filter, parseTarget('7.21'))?.probe, '7.22.1');
    assert.equal(requiredArgs(filter, parseTarget('7.21'))?.range, '7.21–7.22');
    assert.equal(requiredArgs(filter, parseTarget('7.12'))?.probe, '7.20.8');
    assert.equal(requiredArgs(filter, parseTarget('7.12'))?.range, `${VERSIONS[0]}–7.20`);
  });

  it('follows changes between probes', () => {
    const pool = ['ipv6', 'pool'];
    assert.deepEqual(requiredArgs(pool, parseTarget('7.20'))?.args, ['name', 'prefix', 'prefix-length']);
    assert.deepEqual(requiredArgs(pool, parseTarget('7.22'))?.args, ['name', 'prefix-length']);
    // Probed in 7.22.1 and 7.23rc1 only: unknown for targets 7.20.8 answers.
    const psk = ['ip', 'ipsec', 'key', 'psk'];
    assert.equal(requiredArgs(psk, parseTarget('7.20')), undefined);
    assert.deepEqual(requiredArgs(psk, parseTarget('7.22'))?.args, ['peer', 'id', 'key']);
  });

  it('tells custom answers and none apart, and knows nothing of RouterOS 6 or unprobed menus', () => {
    assert.equal(requiredArgs(['interface', 'wifi'], parseTarget('7.22'))?.kind, 'custom');
    assert.equal(requiredArgs(['interface', 'bridge'], parseTarget('7.22'))?.kind, 'none');
    assert.equal(requiredArgs(filter, parseTarget('6')), undefined);
    assert.equal(requiredArgs(['interface', 'wireless'], parseTarget('7.22')), undefined);
    // A probe error (RouterOS asked for support) is no answer either.
    assert.equal(requiredArgs(['user', 'active'], parseTarget('7.22')), undefined);
  });
});
