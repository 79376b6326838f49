// `rsc push --inventory` against a fleet of three real sshd on 127.0.0.1, described as an Ansible YAML
// inventory. One router presents a host key other than the one recorded (it "was replaced"): the other two
// get the script (Safe Mode, confirmed by a fresh login), that one gets nothing, the exit code is non-zero
// and the table names every router. Also --limit and --canary.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUSH_EXIT } from '../../server/src/cli/push';
import { loadState } from './emulator';
import { runPush, sshdAvailable, startSshd, writeKnownHosts, type Sshd } from './harness';

const skip =
  sshdAvailable || process.env.CI
    ? false
    : 'OpenSSH server (apt-get install openssh-server) is not installed';

const SCRIPT = '/ip address\nadd address=203.0.113.9/24 interface=ether7\n';
const LINE = '/ip address add address=203.0.113.9/24 interface=ether7';

describe('rsc push --inventory: a fleet of three routers, one with a changed host key', { skip }, () => {
  const routers: Sshd[] = [];
  let dir: string;
  let store: string;
  let inventory: string;
  let file: string;

  before(async () => {
    for (let i = 0; i < 3; i++)
      routers.push(await startSshd({ version: '7.19.6 (stable)', keys: routers[0]?.keys }));
    dir = routers[0].dir;
    // edge-3's recorded key is another key than the one it presents now.
    const other = readFileSync(routers[0].keys.stranger + '.pub', 'utf8')
      .trim()
      .split(' ');
    store = writeKnownHosts(dir, 'fleet_known_hosts', [
      routers[0].knownHostsLine,
      routers[1].knownHostsLine,
      `[127.0.0.1]:${routers[2].port} ${other[0]} ${other[1]}`,
    ]);
    const host = (r: Sshd, n: number) =>
      `        edge-${n}:\n          ansible_host: 127.0.0.1\n          ansible_port: ${r.port}\n`;
    inventory = join(dir, 'inventory.yml');
    writeFileSync(
      inventory,
      `all:\n  vars:\n    ansible_user: ${routers[0].user}\n  children:\n    edge:\n      hosts:\n` +
        routers.map((r, i) => host(r, i + 1)).join('') +
        `    lab:\n      hosts:\n        edge-2:\n`,
    );
    file = join(dir, 'fleet.rsc');
    writeFileSync(file, SCRIPT);
  });
  after(async () => {
    for (const r of routers) await r.stop();
  });

  const rsc = (extra: string[], args?: string[]) =>
    runPush([
      ...(args ?? [
        file,
        '--inventory',
        inventory,
        '--identity',
        routers[0].keys.ed25519,
        '--known-hosts',
        store,
      ]),
      ...extra,
    ]);

  test('--canary 1 with the bad router first in line stops the rest: nobody gets the script', async () => {
    // The same routers, edge-3 listed first.
    const first = join(dir, 'canary.yml');
    writeFileSync(
      first,
      readFileSync(inventory, 'utf8').replace(
        /( {8}edge-1:[\s\S]*?)( {8}edge-3:\n(?: {10}.*\n)+)/,
        (_m, a: string, b: string) => b + a,
      ),
    );
    const argv = [file, '--inventory', first, '--identity', routers[0].keys.ed25519, '--known-hosts', store];
    const r = await rsc(['--yes', '--canary', '1'], argv);
    assert.equal(r.code, PUSH_EXIT.connection, r.err);
    const names = r.out
      .trim()
      .split('\n')
      .slice(2)
      .map((l) => l.split(/\s+/)[0]);
    assert.deepEqual(names, ['edge-3', 'edge-1', 'edge-2']);
    assert.match(r.out, /^edge-3 +failed \(host-key-changed: HOST KEY CHANGED/m);
    assert.match(r.out, /^edge-1 +skipped \(a canary failed\) +unchanged: not attempted$/m);
    for (const x of routers) assert.ok(!loadState(x.routerDir).config.includes(LINE));
  });

  test('two routers get the script, the changed-key one nothing; exit 3; each named in the table', async () => {
    const before = routers.map((x) => loadState(x.routerDir).commands.length);
    const r = await rsc(['--yes', '--parallel', '2']);
    assert.equal(r.code, PUSH_EXIT.connection, r.err);
    assert.match(r.err, /On RouterOS 7\.18 and later \(Safe Mode\)/);
    const lines = r.out.trim().split('\n');
    assert.match(lines[0], /^router +result +state left$/);
    assert.match(r.out, /^edge-1 +success +changed: script applied and confirmed$/m);
    assert.match(r.out, /^edge-2 +success +changed: script applied and confirmed$/m);
    assert.match(
      r.out,
      /^edge-3 +failed \(host-key-changed: HOST KEY CHANGED .*\) +unchanged: nothing was sent$/m,
    );
    assert.match(r.err, /1 of 3 router\(s\) did not succeed: edge-3/);
    assert.ok(loadState(routers[0].routerDir).config.includes(LINE));
    assert.ok(loadState(routers[1].routerDir).config.includes(LINE));
    const third = loadState(routers[2].routerDir);
    assert.ok(!third.config.includes(LINE));
    assert.equal(third.commands.length, before[2], 'not a single command reached edge-3');
    for (const x of routers.slice(0, 2)) {
      const st = loadState(x.routerDir);
      assert.equal(st.safeMode, undefined, 'Safe Mode released');
      assert.ok(st.commands.includes('/safe-mode release'));
    }
  });

  test('--limit picks a group; a limit naming nothing known is a usage error', async () => {
    const r = await rsc(['--yes', '--limit', 'lab', '--no-rollback']);
    assert.equal(r.code, PUSH_EXIT.ok, r.err);
    assert.deepEqual(
      r.out
        .trim()
        .split('\n')
        .slice(2)
        .map((l) => l.split(/\s+/)[0]),
      ['edge-2'],
    );
    const bad = await rsc(['--yes', '--limit', 'nowhere']);
    assert.equal(bad.code, PUSH_EXIT.usage);
    assert.match(bad.err, /"nowhere" is neither a group nor a host/);
  });
});
