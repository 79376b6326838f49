// Tests of `rsc push` run in-process against a real sshd with the RouterOS emulator (test/ssh): exit codes,
// lint gating, non-interactive behaviour, host-key trust, router errors on file lines, rollback + confirm.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../lint/types';
import { fireScheduler, loadState, saveState } from '../../../test/ssh/emulator';
import { pushArgs, sshdAvailable, startSshd, writeKnownHosts, type Sshd } from '../../../test/ssh/harness';
import { createPushCommand, pushCommand, pushHelp, PUSH_EXIT } from './push';
import type { CliIO } from './io';

const skip = sshdAvailable ? false : 'OpenSSH server (apt-get install openssh-server) is not installed';

interface Run {
  code: number;
  out: string;
  err: string;
  prompts: string[];
}

async function rsc(
  argv: string[],
  opts: {
    tty?: boolean;
    answers?: string[];
    lint?: Diagnostic[];
    env?: Record<string, string>;
    home?: string;
  } = {},
): Promise<Run> {
  let out = '';
  let err = '';
  const prompts: string[] = [];
  const answers = [...(opts.answers ?? [])];
  const io: CliIO = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => readFileSync(p),
    env: { HOME: opts.home ?? '/nonexistent-home', ...opts.env },
    isTTY: opts.tty ?? false,
  };
  const cmd = createPushCommand(() => ({
    lint: () => opts.lint ?? [],
    prompt: async (q) => {
      prompts.push(q);
      return answers.shift();
    },
  }));
  const code = await cmd(argv, io);
  return { code, out, err, prompts };
}

const SCRIPT = [
  '/ip address',
  'add address=192.168.77.1/24 interface=ether3',
  '/ip firewall filter',
  'add chain=input action=drop',
  '',
].join('\n');

describe('rsc push (usage)', () => {
  test('--help documents every exit code', async () => {
    const r = await rsc(['--help']);
    assert.equal(r.code, 0);
    for (const c of ['0 ', '1 ', '2 ', '3 ', '4 ']) assert.ok(r.out.includes(`\n  ${c}`), c);
    assert.equal(r.out, pushHelp);
  });

  test('usage errors exit 2, and there is no password flag', async () => {
    assert.equal((await rsc(['f.rsc', '--user', 'u'])).code, PUSH_EXIT.usage);
    assert.equal((await rsc(['f.rsc', '--host', 'h'])).code, PUSH_EXIT.usage);
    assert.equal((await rsc(['--host', 'h', '--user', 'u'])).code, PUSH_EXIT.usage);
    const p = await rsc(['f.rsc', '--host', 'h', '--user', 'u', '--password', 'x']);
    assert.equal(p.code, PUSH_EXIT.usage);
    assert.match(p.err, /RSC_PASSWORD/);
    assert.equal(
      (await rsc(['f.rsc', '--host', 'h', '--user', 'u', '--confirm-timeout', 'soon'])).code,
      PUSH_EXIT.usage,
    );
  });

  test('malformed hosts are usage errors (exit 2) before any lookup; rollback options that clash too', async () => {
    for (const host of ['a;touch X', 'bad host name', '999.1.1.1', '[1.2.3.4]', '-oProxyCommand=x']) {
      const r = await rsc(['f.rsc', '--host', host, '--user', 'u', '--yes']);
      assert.equal(r.code, PUSH_EXIT.usage, host);
      assert.match(r.err, /--host: /, host);
    }
    const base = ['f.rsc', '--host', 'h', '--user', 'u'];
    for (const argv of [
      [...base, '--no-rollback', '--confirm-timeout', '5m'],
      [...base, '--no-rollback', '--auto-confirm'],
      [...base, '--rollback', 'sometimes'],
      [...base, '--limit', 'edge'],
      [...base, '--inventory', 'inv.yml'],
    ]) {
      assert.equal((await rsc(argv)).code, PUSH_EXIT.usage, argv.join(' '));
    }
  });
});

describe('rsc push against a real sshd', { skip }, () => {
  let s: Sshd;
  let file: string;
  let known: string;
  // With a rollback (the default): for the tests about confirming.
  const withRollback = () => [...pushArgs(s, file, known)];
  const base = () => [...withRollback(), '--no-rollback'];

  before(async () => {
    s = await startSshd();
    file = join(s.dir, 'script.rsc');
    writeFileSync(file, SCRIPT);
    known = writeKnownHosts(s.dir, 'store_known_hosts', [s.knownHostsLine]);
  });
  after(() => s?.stop());

  const setFail = (fail: object) => {
    const st = loadState(s.routerDir);
    st.fail = fail;
    saveState(s.routerDir, st);
  };
  const commandCount = () => loadState(s.routerDir).commands.length;

  test('lint errors block the push (exit 1), nothing is sent', async () => {
    const n = commandCount();
    const r = await rsc([...base(), '--yes'], {
      lint: [{ code: 'RSC1001', severity: 'error', message: 'bad', start: 12, end: 15 }],
    });
    assert.equal(r.code, PUSH_EXIT.errors);
    assert.match(r.out, /script\.rsc:2:1: error: bad \[RSC1001\]/);
    assert.equal(commandCount(), n);
  });

  test('the real linter (lintText) gates the default command: a syntax error is exit 1, nothing sent', async () => {
    const bad = join(s.dir, 'bad.rsc');
    writeFileSync(bad, ':put "unterminated\n');
    const n = commandCount();
    let out = '';
    const io: CliIO = {
      stdout: (t) => void (out += t),
      stderr: (t) => void (out += t),
      readFile: (p) => readFileSync(p),
      env: { HOME: '/nonexistent-home' },
      isTTY: false,
    };
    const code = await pushCommand([bad, ...base().slice(1), '--yes'], io);
    assert.equal(code, PUSH_EXIT.errors);
    assert.match(out, /bad\.rsc:1:6: error: .*\[RSC\d{4}\]/);
    assert.equal(commandCount(), n);
    const ok = await pushCommand([...base(), '--yes'], {
      ...io,
      stdout: () => undefined,
      stderr: () => undefined,
    });
    assert.equal(ok, PUSH_EXIT.ok);
  });

  test('without a terminal and without --yes: exit 2 and nothing is sent', async () => {
    const n = commandCount();
    const r = await rsc(base());
    assert.equal(r.code, PUSH_EXIT.usage);
    assert.match(r.err, /pass --yes/);
    assert.match(r.err, /\/import file-name=rsc-push-/, 'the plan is still shown');
    assert.equal(commandCount(), n);
    const w = await rsc(base(), {
      lint: [{ code: 'RSC4001', severity: 'warning', message: 'w', start: 0, end: 1 }],
    });
    assert.equal(w.code, PUSH_EXIT.usage);
  });

  test('success with --yes: exit 0, RouterOS output streamed to stdout', async () => {
    setFail({});
    const r = await rsc([...base(), '--yes']);
    assert.equal(r.code, PUSH_EXIT.ok, r.err);
    assert.match(r.out, /Script file loaded and executed successfully/);
    assert.ok(
      loadState(s.routerDir).config.includes('/ip address add address=192.168.77.1/24 interface=ether3'),
    );
  });

  test('interactive: the plan and the lint warnings are asked about', async () => {
    const r = await rsc(base(), {
      tty: true,
      answers: ['yes', 'yes'],
      lint: [{ code: 'RSC4001', severity: 'warning', message: 'w', start: 0, end: 1 }],
    });
    assert.equal(r.code, PUSH_EXIT.ok, r.err);
    assert.equal(r.prompts.length, 2);
    const d = await rsc(base(), { tty: true, answers: ['no'] });
    assert.equal(d.code, PUSH_EXIT.notConfirmed);
  });

  test('a router error exits 1 and is printed at FILE:LINE:COL', async () => {
    setFail({ runtimeErrorAtLine: 4, runtimeMessage: 'failure: already have such rule' });
    const r = await rsc([...base(), '--yes']);
    assert.equal(r.code, PUSH_EXIT.errors);
    assert.match(r.out, /script\.rsc:4:1: error: failure: already have such rule \[router\]/);
    setFail({});
  });

  test('unknown host key: exit 3 without a terminal; accepted with --accept-new-host-key', async () => {
    const store = join(s.dir, 'fresh', 'known_hosts');
    const argv = [...withRollback().slice(0, -1), store, '--yes', '--no-rollback'];
    const r = await rsc(argv);
    assert.equal(r.code, PUSH_EXIT.connection);
    assert.match(r.err, /SHA256:[A-Za-z0-9+/]{43}/);
    assert.match(r.err, /--accept-new-host-key/);
    assert.equal(existsSync(store), false);
    const ok = await rsc([...argv, '--accept-new-host-key']);
    assert.equal(ok.code, PUSH_EXIT.ok, ok.err);
    assert.ok(readFileSync(store, 'utf8').includes(s.hostKeyBase64));
  });

  test('a wrong key exits 3', async () => {
    const argv = base();
    argv[argv.indexOf('--identity') + 1] = s.keys.stranger;
    const r = await rsc([...argv, '--yes']);
    assert.equal(r.code, PUSH_EXIT.connection);
    assert.match(r.err, /authentication failed/);
  });

  test('--confirm-timeout without a terminal leaves a pending rollback (exit 4); --confirm-pending confirms it', async () => {
    setFail({});
    const r = await rsc([...withRollback(), '--yes', '--confirm-timeout', '5m']);
    assert.equal(r.code, PUSH_EXIT.notConfirmed, r.err);
    assert.match(r.err, /--confirm-pending/);
    assert.equal(loadState(s.routerDir).scheduler.length, 1);
    const c = await rsc(['--confirm-pending', ...base().slice(1)]);
    assert.equal(c.code, PUSH_EXIT.ok, c.err);
    assert.equal(loadState(s.routerDir).scheduler.length, 0);
  });

  test('--confirm-timeout: no answer in time = rollback after the timeout, --confirm-pending then says so', async () => {
    const before = loadState(s.routerDir).config;
    writeFileSync(file, SCRIPT.replace('192.168.77.1', '10.99.0.1'));
    const r = await rsc([...withRollback(), '--confirm-timeout', '30s', '--rollback', 'scheduler'], {
      tty: true,
      answers: ['yes', undefined as unknown as string],
    });
    assert.equal(r.code, PUSH_EXIT.notConfirmed, r.err);
    fireScheduler(s.routerDir);
    assert.deepEqual(loadState(s.routerDir).config, before);
    const c = await rsc(['--confirm-pending', ...base().slice(1)]);
    assert.equal(c.code, PUSH_EXIT.notConfirmed);
    assert.match(c.out, /rolled back already/);
    writeFileSync(file, SCRIPT);
  });

  test('--validate-only: invalid script exits 1 at the reported line, nothing imported', async () => {
    writeFileSync(file, ':if (true) do={\n:put 1\n}}\n');
    const n = commandCount();
    const r = await rsc([...base(), '--validate-only']);
    assert.equal(r.code, PUSH_EXIT.errors);
    assert.match(r.out, /script\.rsc:3:2: error: syntax error/);
    assert.ok(
      !loadState(s.routerDir)
        .commands.slice(n)
        .some((c) => c.startsWith('/import')),
    );
    writeFileSync(file, SCRIPT);
    assert.equal((await rsc([...base(), '--validate-only'])).code, PUSH_EXIT.ok);
  });
});
