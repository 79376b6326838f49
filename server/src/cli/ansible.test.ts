// `rsc ansible`: the playbook uses the same commands as `rsc push`, passes `ansible-playbook
// --syntax-check` (Debian's ansible package; CI installs it), and bad inputs are usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ansibleCommand, makePlaybook } from './ansible';
import { runSubcommand, type CliRun } from './io-testing';

const ansiblePlaybook = spawnSync('ansible-playbook', ['--version']).status === 0;

const run = (args: string[]): Promise<CliRun> => runSubcommand(ansibleCommand, args);

function fixture(): { dir: string; script: string; inv: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rsc-ansible-'));
  const script = join(dir, 'change.rsc');
  writeFileSync(script, '/ip address\nadd address=192.0.2.1/24 interface=ether2\n');
  const inv = join(dir, 'inventory.yml');
  writeFileSync(
    inv,
    'all:\n  vars:\n    ansible_user: admin\n  children:\n    edge:\n      hosts:\n        r1:\n          ansible_host: 192.0.2.10\n',
  );
  return { dir, script, inv };
}

test("the playbook runs rsc push's exact commands: arm, upload, import, verify, confirm, roll back", () => {
  const text = makePlaybook({
    scriptPath: '/x/change.rsc',
    localName: 'change.rsc',
    hosts: 'edge',
    confirmTimeoutSeconds: 300,
    now: new Date(Date.UTC(2026, 11, 6, 12, 0, 0)),
    random: 'abcd1234',
  });
  const [play] = parse(text) as [{ hosts: string; tasks: Record<string, unknown>[] }];
  assert.equal(play.hosts, 'edge');
  const all = JSON.stringify(play);
  for (const c of [
    '/system backup save name=rsc-rollback-20261206-120000-abcd1234 dont-encrypt=yes',
    '/system scheduler add name=rsc-rollback-20261206-120000-abcd1234 interval=5m',
    '/import file-name=rsc-push-20261206-120000-abcd1234.rsc verbose=yes',
    'Script file loaded and executed successfully',
    '/system scheduler remove [find name=\\"rsc-rollback-20261206-120000-abcd1234\\"]',
    ':execute script=',
    '/file remove [find name=\\"rsc-push-20261206-120000-abcd1234.rsc\\"]',
    'reset_connection',
    'ansible.netcommon.net_put',
  ])
    assert.ok(all.includes(c), c);
  const block = play.tasks[2] as { block: unknown[]; rescue: unknown[]; always: unknown[] };
  assert.equal(block.block.length, 7);
  assert.equal(block.rescue.length, 2);
  assert.equal(block.always.length, 1);
});

test(
  'ansible-playbook --syntax-check accepts the playbook',
  {
    skip:
      ansiblePlaybook || process.env.CI
        ? false
        : 'ansible-playbook is not installed (apt-get install ansible)',
  },
  async () => {
    const f = fixture();
    try {
      const out = join(f.dir, 'push.yml');
      const r = await run([f.script, '--inventory', f.inv, '--limit', 'edge', '--output', out]);
      assert.equal(r.code, 0, r.err);
      const check = spawnSync('ansible-playbook', ['-i', f.inv, out, '--syntax-check'], {
        encoding: 'utf8',
        env: { ...process.env, ANSIBLE_LOCAL_TEMP: join(f.dir, 'tmp'), ANSIBLE_HOME: join(f.dir, 'home') },
      });
      assert.equal(check.status, 0, check.stdout + check.stderr);
      // An existing file is never overwritten.
      const again = await run([f.script, '--inventory', f.inv, '--output', out]);
      assert.equal(again.code, 2);
      assert.match(again.err, /EEXIST/);
    } finally {
      rmSync(f.dir, { recursive: true, force: true });
    }
  },
);

test('usage errors: missing inventory, unusable inventory, a limit that selects nothing', async () => {
  const f = fixture();
  try {
    assert.equal((await run([f.script])).code, 2);
    writeFileSync(join(f.dir, 'bad.yml'), 'all:\n  hosts:\n    r: {ansible_host: "bad host"}\n');
    const bad = await run([f.script, '--inventory', join(f.dir, 'bad.yml')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /host "r"/);
    assert.equal((await run([f.script, '--inventory', f.inv, '--limit', 'nowhere'])).code, 2);
    const ok = await run([f.script, '--inventory', f.inv]);
    assert.equal(ok.code, 0);
    assert.match(ok.out, /^# Written by rsc ansible/);
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});
