// Test harness: a real OpenSSH sshd on 127.0.0.1 (own host key, own config, ForceCommand = the RouterOS
// emulator bundled by esbuild), client keys of every type, and helpers to write known_hosts files.
// Each test starts its own server and stops it in `after`, so nothing outlives a test file.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as netConnect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { initState, type Failures } from './emulator';
import { createPushCommand } from '../../server/src/cli/push';
import { runSubcommand, type CliRun } from '../../server/src/cli/io-testing';
import type { ConnectOptions } from '../../server/src/deploy/ssh';

export const SSHD = '/usr/sbin/sshd';
export const sshdAvailable = existsSync(SSHD) && existsSync('/usr/lib/openssh/sftp-server');

export interface ClientKeys {
  ed25519: string;
  rsaEncrypted: string;
  ecdsa: string;
  /** Not in authorized_keys. */
  stranger: string;
  rsaPassphrase: string;
}

export interface Sshd {
  host: '127.0.0.1';
  port: number;
  user: string;
  dir: string;
  /** The emulator's directory (state.json, files/). */
  routerDir: string;
  keys: ClientKeys;
  /** `[127.0.0.1]:PORT ssh-ed25519 AAAA...` */
  knownHostsLine: string;
  hostKeyBase64: string;
  /** Makes sshd reject (or accept again) every client key: authorized_keys is read on each login. */
  rejectAuth(on: boolean): void;
  /** Everything sshd logged (for the secret-leak test). */
  log(): string;
  stop(): Promise<void>;
}

let emulatorBundle: string | undefined;

/** Bundles emulator.ts into one CommonJS file once per process, so sshd can run it with plain node. */
export function emulatorScript(): string {
  if (emulatorBundle && existsSync(emulatorBundle)) return emulatorBundle;
  const out = join(mkdtempSync(join(tmpdir(), 'rsc-emu-')), 'emulator.cjs');
  buildSync({
    entryPoints: [resolve(__dirname, 'emulator.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    logLevel: 'error',
  });
  emulatorBundle = out;
  process.once('exit', () => rmSync(dirname(out), { recursive: true, force: true }));
  return out;
}

function keygen(args: string[]): void {
  const r = spawnSync('ssh-keygen', ['-q', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ssh-keygen ${args.join(' ')} failed: ${r.stderr}`);
}

export function makeClientKeys(dir: string): ClientKeys {
  const k = (n: string) => join(dir, n);
  const rsaPassphrase = 'correct horse battery staple';
  keygen(['-t', 'ed25519', '-N', '', '-C', 'test-ed25519', '-f', k('id_ed25519')]);
  keygen(['-t', 'rsa', '-b', '2048', '-N', rsaPassphrase, '-C', 'test-rsa', '-f', k('id_rsa')]);
  keygen(['-t', 'ecdsa', '-b', '256', '-N', '', '-C', 'test-ecdsa', '-f', k('id_ecdsa')]);
  keygen(['-t', 'ed25519', '-N', '', '-C', 'stranger', '-f', k('id_stranger')]);
  return {
    ed25519: k('id_ed25519'),
    rsaEncrypted: k('id_rsa'),
    ecdsa: k('id_ecdsa'),
    stranger: k('id_stranger'),
    rsaPassphrase,
  };
}

/** A free TCP port on 127.0.0.1 (racy by nature; startSshd retries on a clash). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

function waitForBanner(port: number, child: ChildProcess): Promise<boolean> {
  return new Promise((res) => {
    let tries = 0;
    const attempt = () => {
      if (child.exitCode !== null) return res(false);
      const sock = netConnect(port, '127.0.0.1');
      sock.once('data', (d) => {
        sock.destroy();
        res(d.toString().startsWith('SSH-'));
      });
      sock.once('error', () => {
        sock.destroy();
        if (++tries > 100) return res(false);
        setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export interface SshdOptions {
  config?: string[];
  fail?: Failures;
  /** Also listen on [::1] (same port). */
  ipv6?: boolean;
  /** Emulated RouterOS version (`/system resource get version`). */
  version?: string;
  /** Authorise these client keys instead of making new ones (a fleet that shares one deploy key). */
  keys?: ClientKeys;
}

/** Whether this machine can listen on the IPv6 loopback. */
export function ipv6LoopbackAvailable(): Promise<boolean> {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(0, '::1', () => s.close(() => res(true)));
  });
}

export async function startSshd(opts: SshdOptions = {}): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'rsc-sshd-'));
  const routerDir = join(dir, 'router');
  initState(routerDir, opts.config ?? [], opts.fail ?? {}, opts.version);
  keygen(['-t', 'ed25519', '-N', '', '-f', join(dir, 'host_ed25519')]);
  const keys = opts.keys ?? makeClientKeys(dir);
  const pubs = [keys.ed25519, keys.rsaEncrypted, keys.ecdsa].map((k) =>
    readFileSync(k + '.pub', 'utf8').trim(),
  );
  writeFileSync(join(dir, 'authorized_keys'), pubs.join('\n') + '\n');
  chmodSync(join(dir, 'authorized_keys'), 0o600);
  const user = userInfo().username;
  // Privilege separation needs this directory when sshd runs as root (the Debian service creates it).
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const hostPub = readFileSync(join(dir, 'host_ed25519.pub'), 'utf8').trim().split(/\s+/);
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const config = [
      `ListenAddress 127.0.0.1:${port}`,
      ...(opts.ipv6 ? [`ListenAddress [::1]:${port}`] : []),
      `HostKey ${join(dir, 'host_ed25519')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'UsePAM no',
      'StrictModes no',
      'PermitRootLogin yes',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'AllowTcpForwarding yes',
      'PermitOpen 127.0.0.1:* [::1]:*',
      'X11Forwarding no',
      'PrintMotd no',
      'LogLevel VERBOSE',
      `AllowUsers ${user}`,
      `ForceCommand ${process.execPath} ${emulatorScript()} ${routerDir}`,
      'Subsystem sftp /usr/lib/openssh/sftp-server',
    ];
    writeFileSync(join(dir, 'sshd_config'), config.join('\n') + '\n');
    let logText = '';
    const child = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (logText += d));
    child.stderr!.on('data', (d) => (logText += d));
    if (!(await waitForBanner(port, child))) {
      child.kill('SIGKILL');
      if (/Address already in use/.test(logText)) continue;
      throw new Error(`sshd did not start: ${logText}`);
    }
    return {
      host: '127.0.0.1',
      port,
      user,
      dir,
      routerDir,
      keys,
      knownHostsLine: `[127.0.0.1]:${port} ${hostPub[0]} ${hostPub[1]}`,
      hostKeyBase64: hostPub[1],
      log: () => logText,
      rejectAuth: (on) => writeFileSync(join(dir, 'authorized_keys'), on ? '' : pubs.join('\n') + '\n'),
      stop: () =>
        new Promise<void>((res) => {
          const done = () => {
            rmSync(dir, { recursive: true, force: true });
            res();
          };
          if (child.exitCode !== null) return done();
          child.once('exit', done);
          child.kill('SIGTERM');
        }),
    };
  }
  throw new Error('no free port for sshd after 5 attempts');
}

/** Writes a known_hosts file with the given lines and returns its path. */
export function writeKnownHosts(dir: string, name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n') + (lines.length ? '\n' : ''));
  return p;
}

/**
 * `rsc push` arguments that reach `s` as its test user with the ed25519 key and the given known_hosts file:
 * what every push test starts from (its own flags follow).
 */
export function pushArgs(s: Sshd, file: string, knownHosts: string): string[] {
  return [
    file,
    '--host',
    s.host,
    '--port',
    String(s.port),
    '--user',
    s.user,
    '--identity',
    s.keys.ed25519,
    '--known-hosts',
    knownHosts,
  ];
}

/** Connection options that reach `s` with the ed25519 key, trusting only `knownHosts` (no prompt). */
export function connectOptions(s: Sshd, knownHosts: string): ConnectOptions {
  return {
    host: s.host,
    port: s.port,
    username: s.user,
    hostKeys: {
      knownHostsFiles: [knownHosts],
      storeFile: join(s.dir, 'store'),
      onUnknownHost: async () => false,
    },
    auth: { privateKeyPath: s.keys.ed25519 },
    readyTimeoutMs: 10_000,
  };
}

/**
 * `rsc push` in-process, as a user without a home directory runs it: no lint findings, `answers` given to
 * its questions in order, a terminal attached or not.
 */
export function runPush(
  argv: string[],
  answers: (string | undefined)[] = [],
  isTTY = false,
): Promise<CliRun> {
  const push = createPushCommand(() => ({ lint: () => [], prompt: async () => answers.shift() }));
  return runSubcommand(push, argv, undefined, { env: { HOME: '/nonexistent-home' }, isTTY });
}
