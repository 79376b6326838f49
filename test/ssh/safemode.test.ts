// Lockout-safe pushes against a real sshd whose RouterOS stand-in models Safe Mode (7.18+) as the manual
// describes it: on 7.18+ the import runs in one console session holding Safe Mode, released on
// confirmation and undone without an answer or when the session is lost; older versions fall back to the
// backup + scheduler rollback. Also `rsc push --auto-confirm` and `rsc push --diff`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pushScript, type PushUi } from '../../server/src/deploy/push';
import type { ConnectOptions } from '../../server/src/deploy/ssh';
import { PUSH_EXIT } from '../../server/src/cli/push';
import { loadState, saveState, type Failures } from './emulator';
import {
  connectOptions,
  pushArgs,
  runPush,
  sshdAvailable,
  startSshd,
  writeKnownHosts,
  type Sshd,
} from './harness';

const skip =
  sshdAvailable || process.env.CI
    ? false
    : 'OpenSSH server (apt-get install openssh-server) is not installed';

const BEFORE = ['/ip address add address=10.0.0.1/24 interface=ether1'];
const SCRIPT = '/ip address\nadd address=198.51.100.1/24 interface=ether5\n';

function ui(decide: 'keep' | 'rollback' | 'pending'): PushUi & { plans: string[]; lines: string[] } {
  const plans: string[] = [];
  const lines: string[] = [];
  return {
    plans,
    lines,
    log: (l) => void lines.push(l),
    confirmPlan: async (d) => (plans.push(d), true),
    decideRollback: async () => decide,
  };
}

function routerFor(version: string) {
  let s: Sshd;
  let known: string;
  const ctx = {
    get s() {
      return s;
    },
    conn: (): ConnectOptions => connectOptions(s, known),
    reset(fail: Failures = {}) {
      const st = loadState(s.routerDir);
      st.config = [...BEFORE];
      st.scheduler = [];
      st.safeMode = undefined;
      st.fail = fail;
      st.commands = [];
      saveState(s.routerDir, st);
    },
    cli: (argv: string[], tty = false, answers: (string | undefined)[] = []) => {
      const file = join(s.dir, 'push.rsc');
      writeFileSync(file, SCRIPT);
      return runPush([...pushArgs(s, file, known), ...argv], answers, tty);
    },
  };
  before(async () => {
    s = await startSshd({ config: [...BEFORE], version });
    known = writeKnownHosts(s.dir, 'known_hosts', [s.knownHostsLine]);
  });
  after(() => s?.stop());
  return ctx;
}

describe('Safe Mode on RouterOS 7.18+', { skip }, () => {
  const r = routerFor('7.18.2 (stable)');
  const push = (decide: 'keep' | 'rollback' | 'pending', extra: object = {}) => {
    const u = ui(decide);
    return pushScript(
      {
        connection: r.conn(),
        script: Buffer.from(SCRIPT),
        localName: 'push.rsc',
        confirmTimeoutSeconds: 300,
        rollback: 'auto',
        ...extra,
      },
      u,
    ).then((res) => ({ res, u }));
  };

  test('the plan says Safe Mode; confirming releases it and keeps the changes, no reboot, no job', async () => {
    r.reset();
    const { res, u } = await push('keep');
    assert.equal(res.status, 'success', res.report.join('\n'));
    assert.match(u.plans[0], /Rollback: RouterOS Safe Mode \(RouterOS 7\.18\.2 \(stable\); about 1 change/);
    assert.match(u.plans[0], /run: \/safe-mode take/);
    assert.match(u.plans[0], /already asked the router, read-only: :put \[\/system resource get version\]/);
    const st = loadState(r.s.routerDir);
    assert.ok(st.config.includes('/ip address add address=198.51.100.1/24 interface=ether5'));
    assert.equal(st.safeMode, undefined, 'released');
    assert.deepEqual(st.scheduler, []);
    assert.equal(st.reboots, 0);
    const cmds = st.commands.join('\n');
    assert.match(cmds, /\/safe-mode take\n\/import file-name=rsc-push-\S+ verbose=yes\n\/safe-mode release/);
    assert.equal(res.state, 'changed: script applied and confirmed');
  });

  test('no answer in time: Safe Mode undoes the push (unroll), no reboot', async () => {
    r.reset();
    const { res } = await push('pending');
    assert.equal(res.status, 'rolled-back', res.report.join('\n'));
    const st = loadState(r.s.routerDir);
    assert.deepEqual(st.config, BEFORE);
    assert.equal(st.reboots, 0);
    assert.ok(st.commands.includes('/safe-mode unroll'));
    assert.equal(res.state, 'unchanged: Safe Mode undid the push');
  });

  test('the script cuts the connection: the lost Safe Mode session undoes the push', async () => {
    r.reset({ dropAfter: '/import' });
    const { res } = await push('keep');
    assert.equal(res.status, 'failed');
    assert.equal(res.safeModeLost, true);
    assert.ok(res.report.some((l) => /RouterOS undoes every change of this push once it notices/.test(l)));
    const st = loadState(r.s.routerDir);
    assert.deepEqual(st.config, BEFORE, 'reverted by the router, not by us');
    assert.equal(st.unrolledSessions, 1);
    assert.ok(!st.commands.includes('/safe-mode unroll'));
    r.reset();
  });

  test('rsc push --auto-confirm without a terminal: a fresh login works, Safe Mode released, exit 0', async () => {
    r.reset();
    const run = await r.cli(['--yes', '--auto-confirm']);
    assert.equal(run.code, PUSH_EXIT.ok, run.err);
    assert.match(run.err, /Rollback: RouterOS Safe Mode/);
    assert.match(run.err, /a fresh SSH login to the router works/);
    assert.match(run.err, /Router state: changed: script applied and confirmed/);
    assert.ok(loadState(r.s.routerDir).commands.includes('/safe-mode release'));
  });

  test('rsc push on a terminal: "yes" releases Safe Mode (exit 0); no answer undoes the push (exit 4)', async () => {
    r.reset();
    const kept = await r.cli([], true, ['yes', 'yes']);
    assert.equal(kept.code, PUSH_EXIT.ok, kept.err);
    assert.ok(loadState(r.s.routerDir).commands.includes('/safe-mode release'));
    r.reset();
    const silent = await r.cli([], true, ['yes', undefined]);
    assert.equal(silent.code, PUSH_EXIT.notConfirmed, silent.err);
    assert.match(silent.err, /Safe Mode undid every change of this push \(no reboot\)/);
    assert.match(silent.err, /Router state: unchanged: Safe Mode undid the push/);
    const st = loadState(r.s.routerDir);
    assert.deepEqual(st.config, BEFORE);
    assert.ok(st.commands.includes('/safe-mode unroll'));
  });

  test('rsc push --diff shows what changes on the router before asking', async () => {
    r.reset();
    const run = await r.cli(['--diff', '--no-rollback']);
    assert.equal(run.code, PUSH_EXIT.usage, 'no terminal: the plan is not confirmed');
    assert.match(
      run.out,
      /What the script changes on the router:\n\/ip address\n {2}\+ \S+push\.rsc:2 add address=198\.51\.100\.1\/24 interface=ether5/,
    );
    const st = loadState(r.s.routerDir);
    assert.deepEqual(st.config, BEFORE, 'nothing changed');
    assert.ok(st.commands.includes('/export'));
    assert.ok(!st.commands.some((c) => c.startsWith('/import')));
  });
});

describe('fallback on RouterOS before 7.18: backup + scheduler', { skip }, () => {
  const r = routerFor('7.17.1 (stable)');

  test('the plan names the scheduler and why; confirming removes the job', async () => {
    r.reset();
    const u = ui('keep');
    const res = await pushScript(
      {
        connection: r.conn(),
        script: Buffer.from(SCRIPT),
        localName: 'push.rsc',
        confirmTimeoutSeconds: 300,
        rollback: 'auto',
      },
      u,
    );
    assert.equal(res.status, 'success', res.report.join('\n'));
    assert.equal(res.plan.safeMode, undefined);
    assert.match(
      u.plans[0],
      /Rollback: backup \+ scheduler job.*RouterOS 7\.17\.1 \(stable\) has no \/safe-mode/,
    );
    const st = loadState(r.s.routerDir);
    assert.ok(!st.commands.some((c) => c.startsWith('/safe-mode')));
    assert.ok(st.commands.some((c) => c.startsWith('/system scheduler add name=rsc-rollback-')));
    assert.deepEqual(st.scheduler, [], 'confirmed: the job is gone');
  });

  test('rsc push --auto-confirm: the fresh login works, the job is removed, exit 0', async () => {
    r.reset();
    const run = await r.cli(['--yes', '--auto-confirm']);
    assert.equal(run.code, PUSH_EXIT.ok, run.err);
    assert.match(run.err, /Rollback: backup \+ scheduler job/);
    assert.deepEqual(loadState(r.s.routerDir).scheduler, []);
  });
});

describe('Safe Mode is never promised for what it cannot hold', () => {
  test('--rollback safe-mode with more than 90 changes or a loop: usage error, nothing sent', async () => {
    for (const script of [
      '/ip firewall address-list\n' + 'add list=x address=10.0.0.1\n'.repeat(120),
      ':for i from=1 to=9 do={ /ip firewall address-list add list=x address="10.0.0.$i" }\n',
    ]) {
      const res = await pushScript(
        {
          // Never reached: the check comes before any connection.
          connection: {
            host: '127.0.0.1',
            port: 9,
            username: 'u',
            hostKeys: { knownHostsFiles: [], storeFile: '/nonexistent/kh', onUnknownHost: async () => false },
            auth: {},
          },
          script: Buffer.from(script),
          localName: 'big.rsc',
          confirmTimeoutSeconds: 300,
          rollback: 'safe-mode',
        },
        ui('keep'),
      );
      assert.equal(res.status, 'failed');
      assert.equal(res.error?.kind, 'usage');
      assert.match(res.error!.message, /Safe Mode cannot protect this script .*--rollback scheduler/);
      assert.equal(res.state, 'unchanged: nothing was sent');
    }
  });
});
