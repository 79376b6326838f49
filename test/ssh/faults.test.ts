// Faults a hostile test found in `rsc push`, each against a real server on 127.0.0.1: a server that
// accepts TCP but never speaks SSH (the CLI process must exit with its code), frozen SFTP transfers
// (--timeout covers them), local paths that cannot be used (checked before the router is touched), a
// slow cleanup after a timeout (it gets its own limit), and IPv6 literals ([::1]).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { pushScript, type PushUi } from '../../server/src/deploy/push';
import type { ConnectOptions } from '../../server/src/deploy/ssh';
import { PUSH_EXIT } from '../../server/src/cli/push';
import { filesDir, loadState, saveState, type Failures } from './emulator';
import {
  connectOptions,
  ipv6LoopbackAvailable,
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
const CLI = resolve(__dirname, '../../dist/cli.js');

const SCRIPT = '/ip address\nadd address=192.168.66.1/24 interface=ether4\n';

function ui(): PushUi & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (l) => void lines.push(l), confirmPlan: async () => true };
}

/** Runs the built CLI as a real process and resolves with its exit code once it has exited. */
function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; err: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent-home', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stdout.on('data', () => undefined);
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => res({ code, err }));
  });
}

/** In-process `rsc push` without a terminal. */
const rsc = (argv: string[]) => runPush(argv);

describe('a server that accepts TCP but never speaks SSH: rsc push exits with code 3', () => {
  let srv: Server;
  let port = 0;
  let banner = false;
  const sockets: Socket[] = [];
  before(async () => {
    srv = createServer((sock) => {
      sockets.push(sock);
      sock.on('error', () => undefined);
      if (banner) sock.write('SSH-2.0-OpenSSH_9.2\r\n');
    });
    await new Promise<void>((res) => srv.listen(0, '127.0.0.1', () => res()));
    port = (srv.address() as { port: number }).port;
  });
  after(() => {
    for (const s of sockets) s.destroy();
    srv.close();
  });

  for (const withBanner of [false, true]) {
    test(withBanner ? 'a banner and then nothing' : 'silent', { timeout: 60_000 }, async (t) => {
      banner = withBanner;
      const dir = mkdtempSync(join(tmpdir(), 'rsc-silent-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, 's.rsc');
      writeFileSync(file, SCRIPT);
      const r = await runCli([
        'push',
        file,
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--user',
        'u',
        '--yes',
        '--no-rollback',
        '--known-hosts',
        join(dir, 'kh'),
        '--connect-timeout',
        '1',
      ]);
      assert.equal(r.code, PUSH_EXIT.connection, r.err);
      assert.match(r.err, /no SSH login to 127\.0\.0\.1:\d+ within 1 s|no SSH handshake/);
    });
  }
});

describe('faults against a real sshd', { skip }, () => {
  let s: Sshd;
  let known: string;
  let file: string;
  const conn = (): ConnectOptions => connectOptions(s, known);
  const setFail = (fail: Failures) => {
    const st = loadState(s.routerDir);
    st.fail = fail;
    saveState(s.routerDir, st);
  };
  const commands = () => loadState(s.routerDir).commands.length;
  const leftovers = () => readdirSync(filesDir(s.routerDir));
  const base = () => [...pushArgs(s, file, known), '--yes', '--no-rollback'];

  before(async () => {
    s = await startSshd();
    known = writeKnownHosts(s.dir, 'known_hosts', [s.knownHostsLine]);
    file = join(s.dir, 'script.rsc');
    writeFileSync(file, SCRIPT);
  });
  after(() => s?.stop());

  test('a frozen SFTP upload ends at --timeout (exit 3) and the partial file is removed', async () => {
    setFail({ freezeSftpAfterBytes: 400 });
    writeFileSync(file, SCRIPT + '# padding\n'.repeat(3000));
    try {
      const r = await rsc([...base(), '--timeout', '2']);
      assert.equal(r.code, PUSH_EXIT.connection, r.err);
      assert.match(r.err, /upload of rsc-push-\S+ timed out/);
    } finally {
      writeFileSync(file, SCRIPT);
      setFail({});
    }
    assert.deepEqual(leftovers(), [], 'the cleanup removed the partial upload');
    assert.ok(!loadState(s.routerDir).commands.some((c) => c.startsWith('/import')));
  });

  test('a frozen SFTP download of the backups ends at the transfer limit', async () => {
    setFail({ freezeSftpAfterBytes: 60 });
    const r = await pushScript(
      {
        connection: conn(),
        script: Buffer.from(SCRIPT),
        localName: 's.rsc',
        backupDir: join(s.dir, 'dl'),
        transferTimeoutMs: 1500,
      },
      ui(),
    );
    setFail({});
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'timeout', r.report.join('\n'));
    assert.match(r.error!.message, /download of rsc-pre-\S+ timed out/);
    assert.equal(r.changed, 'no');
    assert.deepEqual(leftovers(), [], 'the backup files were removed from the router');
  });

  test('a --backup folder that is a file: exit 2 before anything is sent', async () => {
    const notDir = join(s.dir, 'a-file');
    writeFileSync(notDir, 'x');
    const n = commands();
    const r = await rsc([...base(), '--backup', notDir]);
    assert.equal(r.code, PUSH_EXIT.usage, r.err);
    assert.match(r.err, /backup folder .*a-file cannot be used: it \(or a folder on its path\) is a file/);
    assert.equal(commands(), n, 'no command reached the router');
    const under = await pushScript(
      { connection: conn(), script: Buffer.from(SCRIPT), localName: 's.rsc', backupDir: join(notDir, 'sub') },
      ui(),
    );
    assert.equal(under.error?.kind, 'usage');
    assert.equal(commands(), n);
  });

  test('a host-key store that cannot be written: exit 2 before connecting, never "saved in"', async () => {
    const dirStore = join(s.dir, 'store-is-a-dir');
    mkdirSync(dirStore, { recursive: true });
    const args = base();
    args[args.indexOf('--known-hosts') + 1] = dirStore;
    const n = commands();
    const r = await rsc([...args, '--accept-new-host-key']);
    assert.equal(r.code, PUSH_EXIT.usage, r.err);
    assert.match(r.err, /is a directory/);
    assert.doesNotMatch(r.err, /saved in/);
    const fileParent = join(s.dir, 'a-file-parent');
    writeFileSync(fileParent, 'x');
    args[args.indexOf('--known-hosts') + 1] = join(fileParent, 'known_hosts');
    const r2 = await rsc([...args, '--accept-new-host-key']);
    assert.equal(r2.code, PUSH_EXIT.usage, r2.err);
    assert.match(r2.err, /is not a directory/);
    assert.equal(commands(), n);
  });

  test('a new host key is reported "saved in" only after the save worked', async () => {
    const args = base();
    const store = join(s.dir, 'fresh-store', 'known_hosts');
    args[args.indexOf('--known-hosts') + 1] = store;
    const r = await rsc([...args, '--accept-new-host-key']);
    assert.equal(r.code, PUSH_EXIT.ok, r.err);
    const trusting = r.err.indexOf('Trusting it');
    const saved = r.err.indexOf(`saved in ${store}`);
    assert.ok(trusting >= 0 && saved > trusting, r.err);
    assert.match(readFileSync(store, 'utf8'), new RegExp(s.hostKeyBase64.replace(/[+/]/g, '\\$&')));
  });

  test('a cleanup slower than the command limit still runs after a timeout', async () => {
    // The import hangs (timeout after 1.5 s); the removal that follows takes 2.5 s, longer than the
    // user's limit: it must still complete, so no file is left, on a fast or a loaded machine alike.
    setFail({ hangOn: '/import', delay: { on: '/file remove', ms: 2500 } });
    const r = await pushScript(
      { connection: conn(), script: Buffer.from(SCRIPT), localName: 's.rsc', commandTimeoutMs: 1500 },
      ui(),
    );
    setFail({});
    assert.equal(r.error?.kind, 'timeout');
    assert.ok(
      r.report.some((l) => l.startsWith('removed rsc-push-')),
      r.report.join('\n'),
    );
    assert.deepEqual(leftovers(), []);
  });
});

describe('IPv6 literals', { skip }, () => {
  test('--host [::1] reaches a router on the IPv6 loopback; it is printed as [::1]:port', async (t) => {
    if (!(await ipv6LoopbackAvailable())) return t.skip('this machine has no IPv6 loopback (::1)');
    const s = await startSshd({ ipv6: true });
    t.after(() => s.stop());
    const pub = s.knownHostsLine.split(' ').slice(1).join(' ');
    const known = writeKnownHosts(s.dir, 'kh6', [`[::1]:${s.port} ${pub}`]);
    const file = join(s.dir, 'v6.rsc');
    writeFileSync(file, SCRIPT);
    const argv = [
      file,
      '--host',
      '[::1]',
      '--port',
      String(s.port),
      '--user',
      s.user,
      '--identity',
      s.keys.ed25519,
      '--known-hosts',
      known,
      '--yes',
      '--no-rollback',
    ];
    const r = await rsc(argv);
    assert.equal(r.code, PUSH_EXIT.ok, r.err);
    assert.ok(r.err.includes(`@[::1]:${s.port}`), r.err);
    assert.ok(!r.err.includes(`::1:${s.port}`.replace(/^/, ' ')), 'never ::1:PORT');
    const bare = await rsc(argv.map((a) => (a === '[::1]' ? '::1' : a)));
    assert.equal(bare.code, PUSH_EXIT.ok, bare.err);
  });
});
