// End-to-end tests of the deploy core against a real OpenSSH sshd whose ForceCommand is the RouterOS
// emulator: pushes that succeed and fail in each way, host keys unknown/changed/revoked, every key type,
// jump host, rollback without confirmation, validation on the router, and secrets absent from all logs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { DeployError } from '../../server/src/deploy/errors';
import { confirmPending, pushScript, validateOnRouter, type PushUi } from '../../server/src/deploy/push';
import { connect, type ConnectOptions } from '../../server/src/deploy/ssh';
import { fireScheduler, filesDir, loadState, saveState, type Failures } from './emulator';
import { sshdAvailable, startSshd, writeKnownHosts, type Sshd } from './harness';

// On a developer machine without OpenSSH these tests are skipped with a reason; in CI (.ci/run installs
// openssh-server and sets CI=true) a missing sshd must fail loudly instead of passing by skipping.
const skip =
  sshdAvailable || process.env.CI
    ? false
    : 'OpenSSH server (apt-get install openssh-server) is not installed';
test('OpenSSH is installed where CI requires it', { skip: !process.env.CI }, () => {
  assert.ok(sshdAvailable, 'OpenSSH server (apt-get install openssh-server) is not installed');
});

const SCRIPT = [
  '# test script',
  '/ip address',
  'add address=192.168.88.1/24 interface=ether2',
  '/ip firewall filter',
  'add chain=input action=accept',
  '',
].join('\n');

interface Recorder extends PushUi {
  lines: string[];
  plans: string[];
}

function ui(answer: boolean, decide?: 'keep' | 'rollback' | 'pending'): Recorder {
  const r: Recorder = {
    lines: [],
    plans: [],
    log: (l) => void r.lines.push(l),
    onRouterOutput: (t) => void r.lines.push(t),
    confirmPlan: async (d) => {
      r.plans.push(d);
      return answer;
    },
    decideRollback: decide ? async () => decide : undefined,
  };
  return r;
}

/** Files our pushes leave on the router (rollback backups are left on purpose by some tests). */
function pushFiles(s: Sshd): string[] {
  return readdirSync(filesDir(s.routerDir)).filter((f) => !f.startsWith('rsc-rollback-'));
}

function setFail(s: Sshd, fail: Failures): void {
  const st = loadState(s.routerDir);
  st.fail = fail;
  saveState(s.routerDir, st);
}

describe('deploy against a real sshd', { skip }, () => {
  let s: Sshd;
  let known: string;
  let store: string;
  const conn = (over: Partial<ConnectOptions> = {}): ConnectOptions => ({
    host: s.host,
    port: s.port,
    username: s.user,
    hostKeys: {
      knownHostsFiles: [known],
      storeFile: store,
      onUnknownHost: async () => {
        throw new Error('unexpected host key prompt');
      },
    },
    auth: { privateKeyPath: s.keys.ed25519 },
    readyTimeoutMs: 10_000,
    ...over,
  });

  before(async () => {
    s = await startSshd({ config: ['/ip address add address=10.0.0.1/24 interface=ether1'] });
    known = writeKnownHosts(s.dir, 'known_hosts', [s.knownHostsLine]);
    store = join(s.dir, 'store', 'known_hosts');
  });
  after(() => s?.stop());

  test('a successful push imports, reports success, and removes the uploaded file', async () => {
    setFail(s, {});
    const u = ui(true);
    const r = await pushScript({ connection: conn(), script: Buffer.from(SCRIPT), localName: 'test.rsc' }, u);
    assert.equal(r.status, 'success', r.report.join('\n'));
    assert.match(u.plans[0], new RegExp(`upload test.rsc as ${r.plan.uploadName}`));
    assert.match(r.plan.uploadName, /^rsc-push-\d{8}-\d{6}-[a-z0-9]+\.rsc$/);
    const st = loadState(s.routerDir);
    assert.ok(st.config.includes('/ip address add address=192.168.88.1/24 interface=ether2'));
    assert.ok(st.commands.includes(`/import file-name=${r.plan.uploadName} verbose=yes`));
    assert.deepEqual(pushFiles(s), []);
    assert.equal(r.changed, 'yes');
  });

  test('a declined plan sends nothing (no connection is even opened)', async () => {
    const before = loadState(s.routerDir).commands.length;
    const r = await pushScript(
      { connection: conn(), script: Buffer.from(SCRIPT), localName: 't.rsc' },
      ui(false),
    );
    assert.equal(r.status, 'declined');
    assert.equal(loadState(s.routerDir).commands.length, before);
  });

  test('a runtime error on line N maps to that line via the verbose echo, and the file is still removed', async () => {
    setFail(s, { runtimeErrorAtLine: 5, runtimeMessage: 'failure: already have such rule' });
    const r = await pushScript(
      { connection: conn(), script: Buffer.from(SCRIPT), localName: 't.rsc' },
      ui(true),
    );
    assert.equal(r.status, 'router-errors');
    assert.equal(r.analysis?.errors.length, 1);
    assert.equal(r.analysis?.errors[0].line, 4);
    assert.equal(r.analysis?.errors[0].located, 'echo');
    assert.equal(r.analysis?.errors[0].message, 'failure: already have such rule');
    assert.deepEqual(pushFiles(s), []);
    assert.ok(r.report.some((l) => /up to line 5/.test(l)));
  });

  test('a syntax error with a reported position maps to that line and column', async () => {
    setFail(s, { syntaxErrorAt: { line: 3, column: 5, message: 'expected end of command' } });
    const r = await pushScript(
      { connection: conn(), script: Buffer.from(SCRIPT), localName: 't.rsc' },
      ui(true),
    );
    assert.equal(r.status, 'router-errors');
    const e = r.analysis!.errors[0];
    assert.equal(e.line, 2);
    assert.equal(SCRIPT.slice(e.start, e.end), 'address=192.168.88.1/24');
    assert.deepEqual(pushFiles(s), []);
  });

  test('a dropped connection mid-upload: nothing imported, reconnects to remove the partial file and disarm', async () => {
    setFail(s, { dropUploadAfterBytes: 100 });
    const cfgBefore = loadState(s.routerDir).config.length;
    const n = loadState(s.routerDir).commands.length;
    const big = Buffer.from(SCRIPT + '# padding\n'.repeat(2000));
    const r = await pushScript(
      { connection: conn(), script: big, localName: 't.rsc', confirmTimeoutSeconds: 60 },
      ui(true, 'keep'),
    );
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'sftp');
    assert.equal(r.changed, 'no');
    const st = loadState(s.routerDir);
    assert.equal(st.config.length, cfgBefore);
    assert.ok(!st.commands.slice(n).some((c) => c.startsWith('/import')));
    assert.equal(st.scheduler.length, 0, 'the rollback job was removed after reconnecting');
    assert.deepEqual(
      readdirSync(filesDir(s.routerDir)).filter((f) => f.includes(r.plan.id)),
      [],
    );
  });

  test('a router that hangs hits the command timeout', async () => {
    setFail(s, { hangOn: '/import' });
    const r = await pushScript(
      { connection: conn(), script: Buffer.from(SCRIPT), localName: 't.rsc', commandTimeoutMs: 1500 },
      ui(true),
    );
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'timeout');
    assert.equal(r.changed, 'maybe');
    // The cleanup still ran on a fresh channel of the same connection.
    assert.deepEqual(pushFiles(s), []);
  });

  test('cancellation through AbortSignal stops a push', async () => {
    setFail(s, { hangOn: '/import' });
    const ac = new AbortController();
    const u = ui(true);
    u.onRouterOutput = undefined;
    const origLog = u.log;
    u.log = (l) => {
      origLog(l);
      if (l.startsWith('running:')) ac.abort();
    };
    const r = await pushScript(
      { connection: conn(), script: Buffer.from(SCRIPT), localName: 't.rsc', signal: ac.signal },
      u,
    );
    assert.equal(r.error?.kind, 'cancelled');
    assert.ok(r.report.some((l) => /may have run none, part or all/.test(l)));
  });

  test('rollback: without confirmation the scheduler job restores the pre-push configuration', async () => {
    setFail(s, {});
    const before = loadState(s.routerDir).config;
    const r = await pushScript(
      {
        connection: conn(),
        script: Buffer.from(SCRIPT.replace('192.168.88.1', '172.16.0.1')),
        localName: 't.rsc',
        confirmTimeoutSeconds: 120,
      },
      ui(true, 'pending'),
    );
    assert.equal(r.status, 'pending-confirmation', r.report.join('\n'));
    let st = loadState(s.routerDir);
    assert.equal(st.scheduler.length, 1);
    assert.equal(st.scheduler[0].interval, '2m');
    assert.ok(st.config.some((c) => c.includes('172.16.0.1')));
    // Time passes: the job fires.
    fireScheduler(s.routerDir);
    st = loadState(s.routerDir);
    assert.deepEqual(st.config, before);
    assert.equal(st.scheduler.length, 0, 'the restored configuration has no rollback job');
    assert.equal(st.reboots, 1);
    // Confirming afterwards finds the orphan backup and says the push was rolled back.
    const p = await confirmPending(conn(), () => undefined);
    assert.deepEqual(p.confirmed, []);
    assert.equal(p.orphanBackups.length, 1);
  });

  test('rollback: confirming removes the job and keeps the changes', async () => {
    setFail(s, {});
    const r = await pushScript(
      {
        connection: conn(),
        script: Buffer.from(SCRIPT.replace('192.168.88.1', '172.16.9.1')),
        localName: 't.rsc',
        confirmTimeoutSeconds: 300,
      },
      ui(true, 'pending'),
    );
    assert.equal(r.status, 'pending-confirmation');
    const p = await confirmPending(conn(), () => undefined);
    assert.deepEqual(p.confirmed, [r.plan.rollback!.schedulerName]);
    const st = loadState(s.routerDir);
    assert.equal(st.scheduler.length, 0);
    assert.ok(st.config.some((c) => c.includes('172.16.9.1')));
    assert.ok(!existsSync(join(filesDir(s.routerDir), r.plan.rollback!.backupFile)));
  });

  test('rollback: "roll back now" restores at once', async () => {
    setFail(s, { runtimeErrorAtLine: 5 });
    const before = loadState(s.routerDir).config;
    const r = await pushScript(
      { connection: conn(), script: Buffer.from(SCRIPT), localName: 't.rsc', confirmTimeoutSeconds: 60 },
      ui(true, 'rollback'),
    );
    assert.equal(r.status, 'rolled-back');
    assert.deepEqual(loadState(s.routerDir).config, before);
  });

  test('the script cuts the connection during the import: file removed after reconnecting, rollback stays armed', async () => {
    setFail(s, { dropAfter: '/import' });
    const r = await pushScript(
      {
        connection: conn(),
        script: Buffer.from(SCRIPT.replace('192.168.88.1', '192.0.2.1')),
        localName: 't.rsc',
        confirmTimeoutSeconds: 60,
      },
      ui(true, 'pending'),
    );
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'connect');
    assert.equal(r.changed, 'maybe');
    assert.ok(r.report.includes('reconnected to clean up'), r.report.join('\n'));
    const st = loadState(s.routerDir);
    assert.ok(
      st.config.some((c) => c.includes('192.0.2.1')),
      'the import did run',
    );
    assert.deepEqual(
      st.scheduler.map((j) => j.name),
      [r.plan.rollback!.schedulerName],
      'still armed',
    );
    assert.deepEqual(pushFiles(s), []);
    setFail(s, {});
    await confirmPending(conn(), () => undefined);
  });

  test('a refused scheduler job stops the push before anything is uploaded', async () => {
    setFail(s, { refuseScheduler: true });
    const n = loadState(s.routerDir).commands.length;
    const r = await pushScript(
      { connection: conn(), script: Buffer.from(SCRIPT), localName: 't.rsc', confirmTimeoutSeconds: 60 },
      ui(true, 'keep'),
    );
    assert.equal(r.status, 'failed');
    assert.equal(r.changed, 'no');
    assert.ok(
      !loadState(s.routerDir)
        .commands.slice(n)
        .some((c) => c.startsWith('/import')),
    );
    assert.deepEqual(
      readdirSync(filesDir(s.routerDir)).filter((f) => f.includes(r.plan.id)),
      [],
      'its backup was removed',
    );
  });

  test('backups are downloaded to the local folder and removed from the router', async () => {
    setFail(s, {});
    const dir = join(s.dir, 'backups');
    const r = await pushScript(
      { connection: conn(), script: Buffer.from(SCRIPT), localName: 't.rsc', backupDir: dir },
      ui(true),
    );
    assert.equal(r.status, 'success');
    assert.equal(r.backupFiles.length, 2);
    assert.match(readFileSync(r.backupFiles[0], 'utf8'), /by RouterOS/);
    assert.deepEqual(pushFiles(s), []);
  });

  test('a failed backup stops before any change and removes the partial backup files from the router', async () => {
    setFail(s, { refuseBackupSave: true });
    const n = loadState(s.routerDir).commands.length;
    const r = await pushScript(
      { connection: conn(), script: Buffer.from(SCRIPT), localName: 't.rsc', backupDir: join(s.dir, 'b2') },
      ui(true),
    );
    assert.equal(r.status, 'failed');
    assert.equal(r.changed, 'no');
    assert.match(r.error!.message, /not enough space/);
    assert.ok(
      !loadState(s.routerDir)
        .commands.slice(n)
        .some((c) => c.startsWith('/import')),
    );
    assert.deepEqual(pushFiles(s), [], 'the export written before the failure was removed');
    setFail(s, {});
  });

  test('validate on router: valid and invalid scripts, and nothing is imported', async () => {
    setFail(s, {});
    const n = loadState(s.routerDir).commands.length;
    const ok = await validateOnRouter({ connection: conn(), script: Buffer.from(SCRIPT) }, () => undefined);
    assert.equal(ok.valid, true, JSON.stringify(ok));
    const bad = await validateOnRouter(
      { connection: conn(), script: Buffer.from(':if (true) do={\n:put 1\n}}\n') },
      () => undefined,
    );
    assert.equal(bad.valid, false);
    assert.equal(bad.analysis.errors[0].line, 2);
    assert.ok(
      !loadState(s.routerDir)
        .commands.slice(n)
        .some((c) => c.startsWith('/import')),
    );
    assert.deepEqual(pushFiles(s), []);
  });

  test('RSA key with passphrase and ECDSA key authenticate; the passphrase is asked only for the encrypted key', async () => {
    let asked = 0;
    const a = await connect(
      conn({
        auth: {
          privateKeyPath: s.keys.rsaEncrypted,
          getPassphrase: async () => (asked++, s.keys.rsaPassphrase),
        },
      }),
    );
    a.close();
    assert.equal(asked, 1);
    const b = await connect(
      conn({ auth: { privateKeyPath: s.keys.ecdsa, getPassphrase: async () => (asked++, 'x') } }),
    );
    b.close();
    assert.equal(asked, 1);
  });

  test('a wrong passphrase and an unknown key fail as auth errors', async () => {
    await assert.rejects(
      connect(
        conn({
          auth: { privateKeyPath: s.keys.rsaEncrypted, getPassphrase: async () => 'not-the-passphrase' },
        }),
      ),
      (e: DeployError) => e.kind === 'auth' && !e.message.includes('not-the-passphrase'),
    );
    await assert.rejects(
      connect(conn({ auth: { privateKeyPath: s.keys.stranger } })),
      (e: DeployError) => e.kind === 'auth',
    );
  });

  test('a router that rejects every key: auth error, nothing sent', async () => {
    const n = loadState(s.routerDir).commands.length;
    s.rejectAuth(true);
    try {
      const r = await pushScript(
        { connection: conn(), script: Buffer.from(SCRIPT), localName: 't.rsc' },
        ui(true),
      );
      assert.equal(r.status, 'failed');
      assert.equal(r.error?.kind, 'auth');
      assert.match(r.error!.message, /tried: publickey/);
    } finally {
      s.rejectAuth(false);
    }
    assert.equal(loadState(s.routerDir).commands.length, n);
  });

  test('unknown host key: declined = refused; accepted = saved as [host]:port and trusted next time', async () => {
    const empty = writeKnownHosts(s.dir, 'empty_known_hosts', []);
    const own = join(s.dir, 'tofu', 'known_hosts');
    let seen = '';
    const c = (answer: boolean) =>
      conn({
        hostKeys: {
          knownHostsFiles: [empty],
          storeFile: own,
          onUnknownHost: async (i) => {
            seen = i.fingerprint;
            return answer;
          },
        },
      });
    await assert.rejects(connect(c(false)), (e: DeployError) => e.kind === 'host-key-unknown');
    assert.match(seen, /^SHA256:[A-Za-z0-9+/]{43}$/);
    assert.equal(existsSync(own), false);
    (await connect(c(true))).close();
    assert.equal(readFileSync(own, 'utf8').trim(), s.knownHostsLine);
    seen = '';
    (await connect(c(false))).close();
    assert.equal(seen, '', 'a stored key is trusted without asking');
  });

  test('the login deadline stands still while the user is asked about the host key', async () => {
    const empty = writeKnownHosts(s.dir, 'empty2_known_hosts', []);
    const session = await connect(
      conn({
        readyTimeoutMs: 2500,
        hostKeys: {
          knownHostsFiles: [empty],
          storeFile: join(s.dir, 'slow-store'),
          // A user reading the fingerprint for longer than the whole login deadline.
          onUnknownHost: () => new Promise((res) => setTimeout(() => res(true), 3000)),
        },
      }),
    );
    session.close();
  });

  test('ssh-agent (SSH_AUTH_SOCK) authenticates without a key file', async () => {
    const sock = join(s.dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      let added = -1;
      for (let i = 0; i < 100 && added !== 0; i++) {
        await new Promise((res) => setTimeout(res, 50));
        if (existsSync(sock))
          added =
            spawnSync('ssh-add', [s.keys.ed25519], { env: { ...process.env, SSH_AUTH_SOCK: sock } }).status ??
            -1;
      }
      assert.equal(added, 0, 'ssh-add into the test agent');
      (await connect(conn({ auth: { agentSocket: sock } }))).close();
    } finally {
      agent.kill();
    }
  });

  test('changed host key: refused with a clear warning, the callback is never asked', async () => {
    const other = readFileSync(s.keys.stranger + '.pub', 'utf8')
      .trim()
      .split(' ');
    const k = writeKnownHosts(s.dir, 'changed_known_hosts', [
      `[127.0.0.1]:${s.port} ${other[0]} ${other[1]}`,
    ]);
    let asked = false;
    await assert.rejects(
      connect(
        conn({
          hostKeys: {
            knownHostsFiles: [k],
            storeFile: join(s.dir, 'nostore'),
            onUnknownHost: async () => (asked = true),
          },
        }),
      ),
      (e: DeployError) =>
        e.kind === 'host-key-changed' && /HOST KEY CHANGED/.test(e.message) && e.message.includes(`${k}:1`),
    );
    assert.equal(asked, false);
  });

  test('revoked host key is refused', async () => {
    const k = writeKnownHosts(s.dir, 'revoked_known_hosts', [
      s.knownHostsLine,
      `@revoked * ssh-ed25519 ${s.hostKeyBase64}`,
    ]);
    await assert.rejects(
      connect(
        conn({
          hostKeys: {
            knownHostsFiles: [k],
            storeFile: join(s.dir, 'nostore'),
            onUnknownHost: async () => true,
          },
        }),
      ),
      (e: DeployError) => e.kind === 'host-key-revoked',
    );
  });

  test('hashed known_hosts entries are recognised', async () => {
    const k = writeKnownHosts(s.dir, 'hashed_known_hosts', [s.knownHostsLine]);
    assert.equal(spawnSync('ssh-keygen', ['-H', '-f', k]).status, 0);
    assert.match(readFileSync(k, 'utf8'), /^\|1\|/);
    (
      await connect(
        conn({
          hostKeys: {
            knownHostsFiles: [k],
            storeFile: join(s.dir, 'nostore'),
            onUnknownHost: async () => false,
          },
        }),
      )
    ).close();
  });

  test('through a jump host (the same sshd, forwarding to itself)', async () => {
    setFail(s, {});
    const c = conn();
    const r = await pushScript(
      {
        connection: {
          ...c,
          jump: { host: s.host, port: s.port, username: s.user, hostKeys: c.hostKeys, auth: c.auth },
        },
        script: Buffer.from(SCRIPT),
        localName: 't.rsc',
      },
      ui(true),
    );
    assert.equal(r.status, 'success', r.report.join('\n'));
  });

  test('the rsa passphrase never appears in the sshd log, our log lines or reports', async () => {
    const u = ui(true);
    const r = await pushScript(
      {
        connection: conn({
          auth: { privateKeyPath: s.keys.rsaEncrypted, getPassphrase: async () => s.keys.rsaPassphrase },
        }),
        script: Buffer.from(SCRIPT),
        localName: 't.rsc',
      },
      u,
    );
    assert.equal(r.status, 'success');
    const everything = [s.log(), ...u.lines, ...r.report, r.output].join('\n');
    assert.ok(everything.length > 100);
    assert.ok(!everything.includes(s.keys.rsaPassphrase));
  });
});

describe('a server that accepts TCP but never speaks SSH', () => {
  test('connect fails with a timeout error instead of hanging', async () => {
    const sockets: Socket[] = [];
    const srv = createServer((sock) => void sockets.push(sock));
    await new Promise<void>((res) => srv.listen(0, '127.0.0.1', () => res()));
    const port = (srv.address() as { port: number }).port;
    try {
      await assert.rejects(
        connect({
          host: '127.0.0.1',
          port,
          username: 'u',
          hostKeys: {
            knownHostsFiles: [],
            storeFile: '/nonexistent/known_hosts',
            onUnknownHost: async () => false,
          },
          auth: {},
          readyTimeoutMs: 300,
        }),
        (e: DeployError) => e.kind === 'timeout',
      );
    } finally {
      for (const s of sockets) s.destroy();
      srv.close();
    }
  });
});
