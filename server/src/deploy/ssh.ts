// SSH to a router with ssh2: host-key verification (known_hosts + our store, trust on first use only when
// the caller says so), agent/key/keyboard-interactive/password auth with secrets fetched lazily through
// callbacks, optional jump host, exec with streamed output, SFTP upload/download, timeouts and AbortSignal.
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { Client, utils, type ClientChannel, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import { DeployError } from './errors';
import { formatHostPort } from './hosts';
import {
  appendKnownHost,
  checkHostKey,
  fingerprintSha256,
  keyTypeOfBlob,
  knownKeyTypes,
  readKnownHostsFiles,
  type HostKeyVerdict,
  type KnownHostLine,
} from './knownHosts';

export interface UnknownHostInfo {
  host: string;
  port: number;
  keyType: string;
  /** `SHA256:...`, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** The file the key will be added to when trusted. */
  storeFile: string;
}

export interface HostKeyPolicy {
  /** Files read but never written, e.g. ~/.ssh/known_hosts. */
  knownHostsFiles: string[];
  /** Our own store: read, and appended to when the user trusts a new key. */
  storeFile: string;
  /** Trust on first use: resolve true to trust and save the key, false to refuse. */
  onUnknownHost(info: UnknownHostInfo): Promise<boolean>;
}

export interface AuthOptions {
  /** Private key file (OpenSSH or PEM; ed25519, RSA, ECDSA; possibly encrypted). */
  privateKeyPath?: string;
  /** ssh-agent socket (SSH_AUTH_SOCK). */
  agentSocket?: string;
  /** Asked at most once per connection, only if the server wants a password. */
  getPassword?(prompt: string): Promise<string | undefined>;
  /** Asked only if the key file is encrypted. */
  getPassphrase?(keyPath: string): Promise<string | undefined>;
}

export interface ConnectOptions {
  host: string;
  port: number;
  username: string;
  hostKeys: HostKeyPolicy;
  auth: AuthOptions;
  /** Reach the router through this host (its own host key is verified the same way). */
  jump?: Omit<ConnectOptions, 'jump' | 'signal' | 'log'>;
  /** Handshake + authentication limit (default 20 s). */
  readyTimeoutMs?: number;
  signal?: AbortSignal;
  /** Progress lines for an output channel. Never receives secrets. */
  log?(line: string): void;
}

export interface ExecOptions {
  /** Default 120 s; an import of a big script on a slow router can take a while. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with each chunk of output as it arrives (stdout and stderr). */
  onData?(text: string): void;
}

const HOSTKEY_ALGOS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Which negotiated algorithms produce a key of this known_hosts type. */
function algosForKeyType(t: string): string[] {
  return t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t];
}

/**
 * Prefers the key types already known for the host (as OpenSSH does), so a router with several host keys
 * is checked against the one we know instead of looking "changed".
 */
export function hostKeyAlgorithmOrder(known: string[]): string[] {
  const first = known.flatMap(algosForKeyType).filter((a) => HOSTKEY_ALGOS.includes(a));
  return [...new Set([...first, ...HOSTKEY_ALGOS])];
}

function describeVerdict(v: HostKeyVerdict, host: string, port: number, fp: string): string {
  const where = port === 22 ? host : formatHostPort(host, port);
  if (v.kind === 'changed') {
    const lines = v.entries.map((e) => `${e.file}:${e.line}`).join(', ');
    return (
      `HOST KEY CHANGED for ${where}: the router presented ${fp}, which does not match the key recorded in ` +
      `${lines}. This can mean someone is intercepting the connection, or the router was reset or replaced. ` +
      `Nothing was sent. If you know why the key changed, remove the old entry (e.g. ssh-keygen -R ` +
      `'${port === 22 ? host : `[${host}]:${port}`}' -f FILE) and connect again.`
    );
  }
  if (v.kind === 'revoked') {
    return `The host key ${fp} of ${where} is marked @revoked in ${v.entry.file}:${v.entry.line}. Nothing was sent.`;
  }
  return `The host key ${fp} of ${where} is not trusted. Nothing was sent.`;
}

function onAbort(signal: AbortSignal | undefined, fn: () => void): () => void {
  if (!signal) return () => undefined;
  if (signal.aborted) {
    // Deferred so callers can finish setting up before their abort handler runs.
    queueMicrotask(fn);
    return () => undefined;
  }
  signal.addEventListener('abort', fn, { once: true });
  return () => signal.removeEventListener('abort', fn);
}

/** One wait of this file: settled once, by its result, an error, its timeout or a cancel. */
interface Wait<T> {
  /** Rejects with `err`, or resolves with `value` when there is no error; only the first call counts. */
  finish(err?: DeployError, value?: T): void;
  /** True once the wait has settled. */
  readonly done: boolean;
}

/**
 * The settle-once / timeout / abort pattern every wait here needs. The first of `finish`, the timeout
 * (when `timeoutMs` is given) and the signal's abort wins; the timer and the abort listener are removed;
 * `onSettle` runs once, with the error if there is one, before the promise settles.
 */
function settleOnce<T>(
  resolve: (value: T) => void,
  reject: (err: DeployError) => void,
  opts: {
    signal?: AbortSignal;
    timeoutMs?: number;
    timeoutError?: () => DeployError;
    onSettle?: (err: DeployError | undefined) => void;
  },
): Wait<T> {
  let done = false;
  const wait: Wait<T> = {
    get done() {
      return done;
    },
    finish(err?: DeployError, value?: T): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      offAbort();
      opts.onSettle?.(err);
      if (err) reject(err);
      else resolve(value as T);
    },
  };
  const { timeoutMs, timeoutError } = opts;
  const timer =
    timeoutMs !== undefined && timeoutError
      ? setTimeout(() => wait.finish(timeoutError()), timeoutMs)
      : undefined;
  const offAbort = onAbort(opts.signal, () => wait.finish(new DeployError('cancelled', 'cancelled')));
  return wait;
}

/** The error of a command the router did not finish in time. */
function commandTimeout(command: string, timeoutMs: number): DeployError {
  return new DeployError('timeout', `the router did not finish "${command}" within ${timeoutMs / 1000} s`);
}

/**
 * A console session kept open across commands. Each command is followed by `:put "rsc-mark-N"`; its output
 * is everything before the line that is exactly the marker (an echoed command line never is).
 */
export class ConsoleSession {
  private buf = '';
  private n = 0;
  private ended = false;
  private waiter?: () => void;

  constructor(
    private readonly ch: ClientChannel,
    client: Client,
    private readonly where: string,
  ) {
    const take = (b: Buffer) => {
      this.buf += b.toString('utf8');
      this.waiter?.();
    };
    ch.on('data', take);
    ch.stderr.on('data', take);
    const end = () => {
      this.ended = true;
      this.waiter?.();
    };
    ch.on('close', end);
    client.on('close', end);
  }

  /** False once the channel or the connection is gone. */
  get isOpen(): boolean {
    return !this.ended;
  }

  /** Runs one command in the session; on timeout or cancel the session is closed (see Safe Mode). */
  run(command: string, opts: ExecOptions = {}): Promise<string> {
    const marker = `rsc-mark-${++this.n}`;
    return new Promise<string>((resolve, reject) => {
      if (this.ended)
        return reject(new DeployError('connect', `the console session on ${this.where} is closed`));
      let shown = 0;
      const timeoutMs = opts.timeoutMs ?? 120_000;
      const wait = settleOnce<string>(resolve, reject, {
        signal: opts.signal,
        timeoutMs,
        timeoutError: () => commandTimeout(command, timeoutMs),
        onSettle: (err) => {
          this.waiter = undefined;
          if (err) this.close();
        },
      });
      const check = () => {
        const re = new RegExp(`(^|\\r?\\n)${marker}\\r?\\n`);
        const m = re.exec(this.buf);
        const upto = m ? m.index + m[1].length : this.buf.length;
        if (upto > shown) {
          opts.onData?.(this.buf.slice(shown, upto));
          shown = upto;
        }
        if (m) {
          const out = this.buf.slice(0, upto);
          this.buf = this.buf.slice(m.index + m[0].length);
          return wait.finish(undefined, out);
        }
        if (this.ended)
          wait.finish(
            new DeployError('connect', `the connection to ${this.where} closed while running "${command}"`),
          );
      };
      this.waiter = check;
      this.ch.write(`${command}\r\n:put "${marker}"\r\n`);
      check();
    });
  }

  /** Ends the session the normal way (`/quit`), which keeps whatever Safe Mode state was released. */
  quit(): void {
    if (this.ended) return;
    this.ch.end('/quit\r\n');
  }

  /** Drops the channel without `/quit` (RouterOS treats that as an abnormal end). */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.ch.close();
  }
}

/** One open SSH connection to a router. */
export class RouterSession {
  private sftpP?: Promise<SFTPWrapper>;
  private closed = false;

  constructor(
    private readonly client: Client,
    private readonly jumpClient: Client | undefined,
    readonly where: string,
  ) {
    client.on('close', () => (this.closed = true));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs one command on an exec channel and returns everything it printed. */
  exec(command: string, opts: ExecOptions = {}): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      if (this.closed) return reject(new DeployError('connect', `connection to ${this.where} is closed`));
      let out = '';
      let channel: ClientChannel | undefined;
      const timeoutMs = opts.timeoutMs ?? 120_000;
      const wait = settleOnce<string>(resolve, reject, {
        signal: opts.signal,
        timeoutMs,
        timeoutError: () => commandTimeout(command, timeoutMs),
        onSettle: (err) => {
          this.client.removeListener('close', onClose);
          if (err) channel?.close();
        },
      });
      const onClose = () =>
        wait.finish(
          new DeployError('connect', `the connection to ${this.where} closed while running "${command}"`),
        );
      this.client.once('close', onClose);
      this.client.exec(command, (err, ch) => {
        if (err) return wait.finish(new DeployError('connect', `could not run a command: ${err.message}`));
        channel = ch;
        if (wait.done) return void ch.close();
        const take = (b: Buffer) => {
          const s = b.toString('utf8');
          out += s;
          opts.onData?.(s);
        };
        ch.on('data', take);
        ch.stderr.on('data', take);
        ch.on('close', () => wait.finish(undefined, out));
      });
    });
  }

  private sftp(): Promise<SFTPWrapper> {
    this.sftpP ??= new Promise<SFTPWrapper>((resolve, reject) => {
      this.client.sftp((err, s) =>
        err
          ? reject(new DeployError('sftp', `SFTP is not available on ${this.where}: ${err.message}`))
          : resolve(s),
      );
    });
    return this.sftpP;
  }

  private resetSftp(): void {
    const p = this.sftpP;
    this.sftpP = undefined;
    p?.then(
      (s) => s.end(),
      () => undefined,
    );
  }

  /** Runs an SFTP operation, failing on timeout, abort or a dropped connection. */
  private sftpOp<T>(
    what: string,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    run: (s: SFTPWrapper, cb: (err: Error | null | undefined, v?: T) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = (err: DeployError | undefined, v?: T) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        offAbort();
        this.client.removeListener('close', onClose);
        if (err) {
          // A transfer given up on (timeout, cancel) must not go on writing in the background: end the
          // SFTP channel; the next operation opens a fresh one.
          if (err.kind === 'timeout' || err.kind === 'cancelled') this.resetSftp();
          reject(err);
        } else resolve(v as T);
      };
      const timer = setTimeout(() => finish(new DeployError('timeout', `${what} timed out`)), timeoutMs);
      const offAbort = onAbort(signal, () => finish(new DeployError('cancelled', 'cancelled')));
      const onClose = () =>
        finish(new DeployError('sftp', `the connection to ${this.where} closed during ${what}`));
      this.client.once('close', onClose);
      this.sftp().then(
        (s) =>
          run(s, (err, v) =>
            err ? finish(new DeployError('sftp', `${what} failed: ${err.message}`)) : finish(undefined, v),
          ),
        (e: DeployError) => finish(e),
      );
    });
  }

  upload(name: string, data: Buffer, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    return this.sftpOp<void>(`upload of ${name}`, opts.signal, opts.timeoutMs ?? 120_000, (s, cb) =>
      s.writeFile(name, data, (err) => cb(err)),
    );
  }

  download(name: string, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<Buffer> {
    return this.sftpOp<Buffer>(`download of ${name}`, opts.signal, opts.timeoutMs ?? 120_000, (s, cb) =>
      s.readFile(name, (err, buf) => cb(err, buf)),
    );
  }

  /**
   * Opens one console session (an SSH shell channel without a terminal) that stays open across commands:
   * what RouterOS's Safe Mode needs, since Safe Mode belongs to the session that took it.
   */
  openConsole(opts: { signal?: AbortSignal } = {}): Promise<ConsoleSession> {
    return new Promise<ConsoleSession>((resolve, reject) => {
      if (this.closed) return reject(new DeployError('connect', `connection to ${this.where} is closed`));
      const off = onAbort(opts.signal, () => reject(new DeployError('cancelled', 'cancelled')));
      this.client.shell(false, (err, ch) => {
        off();
        if (err) return reject(new DeployError('connect', `could not open a console: ${err.message}`));
        resolve(new ConsoleSession(ch, this.client, this.where));
      });
    });
  }

  close(): void {
    this.closed = true;
    this.client.end();
    this.jumpClient?.end();
    // A server that stops answering would keep the socket open after end(): give it a moment to say
    // goodbye, then drop it, so no connection outlives the push.
    setTimeout(() => {
      this.client.destroy();
      this.jumpClient?.destroy();
    }, 2000).unref();
  }
}

interface Pending {
  client: Client;
  /** Why the host key was refused, recorded so the generic ssh2 error can be replaced by ours. */
  hostKeyError?: DeployError;
  authTried: string[];
}

function makeHostVerifier(opts: ConnectOptions, pending: Pending, entries: KnownHostLine[]) {
  const { host, port } = opts;
  return (blob: Buffer, verify: (ok: boolean) => void): void => {
    const keyType = keyTypeOfBlob(blob);
    const fingerprint = fingerprintSha256(blob);
    const verdict = checkHostKey(entries, host, port, { keyType, blob });
    if (verdict.kind === 'trusted') {
      opts.log?.(
        `host key of ${formatHostPort(host, port)} verified (${keyType} ${fingerprint}, ${verdict.entry.file}:${verdict.entry.line})`,
      );
      return verify(true);
    }
    if (verdict.kind !== 'unknown') {
      pending.hostKeyError = new DeployError(
        verdict.kind === 'changed' ? 'host-key-changed' : 'host-key-revoked',
        describeVerdict(verdict, host, port, fingerprint),
      );
      return verify(false);
    }
    const info: UnknownHostInfo = { host, port, keyType, fingerprint, storeFile: opts.hostKeys.storeFile };
    opts.hostKeys.onUnknownHost(info).then(
      (ok) => {
        if (!ok) {
          pending.hostKeyError = new DeployError(
            'host-key-unknown',
            describeVerdict(verdict, host, port, fingerprint),
          );
          return verify(false);
        }
        try {
          appendKnownHost(opts.hostKeys.storeFile, host, port, { keyType, blob });
          opts.log?.(
            `trusted new host key ${keyType} ${fingerprint} of ${formatHostPort(host, port)}; saved in ${opts.hostKeys.storeFile}`,
          );
          verify(true);
        } catch (e) {
          pending.hostKeyError = new DeployError(
            'host-key-unknown',
            `could not save the host key to ${opts.hostKeys.storeFile}: ${(e as Error).message}`,
          );
          verify(false);
        }
      },
      () => {
        pending.hostKeyError = new DeployError(
          'host-key-unknown',
          describeVerdict(verdict, host, port, fingerprint),
        );
        verify(false);
      },
    );
  };
}

type AuthStep = Parameters<NonNullable<Extract<ConnectConfig['authHandler'], (...a: never[]) => void>>>[2];
type AuthMethodArg = Parameters<AuthStep>[0];

/** Loads the key file, asking for a passphrase only if it is encrypted. */
async function loadKey(opts: ConnectOptions): Promise<ReturnType<typeof utils.parseKey> | undefined> {
  const path = opts.auth.privateKeyPath;
  if (!path) return undefined;
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    throw new DeployError(
      'auth',
      `cannot read the key file ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  let parsed = utils.parseKey(data);
  if (parsed instanceof Error && /encrypt|passphrase|decrypt/i.test(parsed.message)) {
    const pass = await opts.auth.getPassphrase?.(path);
    if (pass === undefined)
      throw new DeployError('auth', `the key ${path} is encrypted and no passphrase was given`);
    parsed = utils.parseKey(data, pass);
    // The passphrase never goes into the message.
    if (parsed instanceof Error)
      throw new DeployError('auth', `cannot decrypt the key ${path}: wrong passphrase?`);
  }
  if (parsed instanceof Error)
    throw new DeployError('auth', `cannot read the key ${path}: ${parsed.message}`);
  return parsed;
}

function makeAuthHandler(opts: ConnectOptions, pending: Pending, fail: (e: DeployError) => void) {
  const { username } = opts;
  const order: string[] = [];
  if (opts.auth.agentSocket) order.push('agent');
  if (opts.auth.privateKeyPath) order.push('publickey');
  if (opts.auth.getPassword) order.push('keyboard-interactive', 'password');
  let i = 0;
  let password: Promise<string | undefined> | undefined;
  const askPassword = () => (password ??= opts.auth.getPassword!(`Password for ${username}@${opts.host}`));
  return (authsLeft: string[] | null, _partial: boolean | null, next: AuthStep): void => {
    const step = async (): Promise<AuthMethodArg | false> => {
      while (i < order.length) {
        const m = order[i++];
        // The agent and key methods are both "publickey" to the server.
        const wire = m === 'agent' ? 'publickey' : m;
        if (authsLeft && !authsLeft.includes(wire)) continue;
        pending.authTried.push(m);
        if (m === 'agent') return { type: 'agent', username, agent: opts.auth.agentSocket! };
        if (m === 'publickey') {
          const key = await loadKey(opts);
          if (key) return { type: 'publickey', username, key: Array.isArray(key) ? key[0] : key };
          continue;
        }
        const pw = await askPassword();
        if (pw === undefined) continue;
        if (m === 'password') return { type: 'password', username, password: pw };
        return {
          type: 'keyboard-interactive',
          username,
          prompt: (_n, _i, _l, prompts, finish) => finish(prompts.map((p) => (p.echo ? username : pw))),
        };
      }
      return false;
    };
    step().then(
      (m) => next(m as AuthMethodArg),
      (e: unknown) => {
        fail(e instanceof DeployError ? e : new DeployError('auth', String((e as Error).message)));
        next(false as unknown as AuthMethodArg);
      },
    );
  };
}

/**
 * A handshake deadline that stands still while the user is being asked something (a fingerprint, a
 * password): ssh2's own readyTimeout would expire while someone reads a dialog.
 */
class PausableDeadline {
  private timer?: NodeJS.Timeout;
  private remaining: number;
  private startedAt = 0;
  private pauses = 0;

  constructor(
    ms: number,
    private readonly onExpire: () => void,
  ) {
    this.remaining = ms;
  }

  start(): void {
    this.startedAt = Date.now();
    this.timer = setTimeout(this.onExpire, this.remaining);
  }

  pause(): void {
    if (this.pauses++ > 0 || !this.timer) return;
    clearTimeout(this.timer);
    this.remaining = Math.max(0, this.remaining - (Date.now() - this.startedAt));
  }

  resume(): void {
    if (--this.pauses > 0) return;
    this.start();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Wraps a user prompt so the deadline is paused while it is open. */
  wrap<A extends unknown[], R>(
    f: ((...a: A) => Promise<R>) | undefined,
  ): ((...a: A) => Promise<R>) | undefined {
    if (!f) return undefined;
    return async (...a: A) => {
      this.pause();
      try {
        return await f(...a);
      } finally {
        this.resume();
      }
    };
  }
}

async function connectOne(original: ConnectOptions, sock?: Readable): Promise<Client> {
  let expire: () => void = () => undefined;
  const deadline = new PausableDeadline(original.readyTimeoutMs ?? 20_000, () => expire());
  const opts: ConnectOptions = {
    ...original,
    hostKeys: {
      ...original.hostKeys,
      onUnknownHost: deadline.wrap(original.hostKeys.onUnknownHost.bind(original.hostKeys))!,
    },
    auth: {
      ...original.auth,
      getPassword: deadline.wrap(original.auth.getPassword?.bind(original.auth)),
      getPassphrase: deadline.wrap(original.auth.getPassphrase?.bind(original.auth)),
    },
  };
  const client = new Client();
  const pending: Pending = { client, authTried: [] };
  const store = [opts.hostKeys.storeFile];
  const entries = readKnownHostsFiles([...opts.hostKeys.knownHostsFiles, ...store]);
  let own: DeployError | undefined;
  return new Promise<Client>((resolve, reject) => {
    const wait = settleOnce<Client>(resolve, reject, {
      signal: opts.signal,
      onSettle: (err) => {
        deadline.stop();
        // destroy, not end: a server that never completed the handshake would keep a half-closed
        // socket (and with it the process) alive.
        if (err) client.destroy();
      },
    });
    const settle = (err?: DeployError) => wait.finish(err, client);
    expire = () =>
      settle(
        new DeployError(
          'timeout',
          `no SSH login to ${formatHostPort(opts.host, opts.port)} within ${(opts.readyTimeoutMs ?? 20_000) / 1000} s`,
        ),
      );
    client.on('ready', () => {
      opts.log?.(`connected to ${opts.username}@${formatHostPort(opts.host, opts.port)}`);
      settle();
    });
    client.on('error', (err: Error & { level?: string }) => {
      if (pending.hostKeyError) return settle(pending.hostKeyError);
      if (own) return settle(own);
      if (err.level === 'client-authentication') {
        const tried = pending.authTried.length ? pending.authTried.join(', ') : 'none available';
        return settle(
          new DeployError(
            'auth',
            `authentication failed for ${opts.username}@${formatHostPort(opts.host, opts.port)} (tried: ${tried})`,
          ),
        );
      }
      if (/timed out/i.test(err.message)) {
        return settle(
          new DeployError(
            'timeout',
            `no SSH handshake with ${formatHostPort(opts.host, opts.port)} in time (${err.message})`,
          ),
        );
      }
      settle(
        new DeployError(
          'connect',
          `cannot connect to ${formatHostPort(opts.host, opts.port)}: ${err.message}`,
        ),
      );
    });
    client.on('close', () =>
      settle(
        pending.hostKeyError ??
          own ??
          new DeployError(
            'connect',
            `connection to ${formatHostPort(opts.host, opts.port)} closed during login`,
          ),
      ),
    );
    const cfg: ConnectConfig = {
      host: opts.host,
      port: opts.port,
      username: opts.username,
      // Our PausableDeadline replaces ssh2's readyTimeout (0 = off).
      readyTimeout: 0,
      keepaliveInterval: 10_000,
      keepaliveCountMax: 3,
      hostVerifier: makeHostVerifier(opts, pending, entries),
      authHandler: makeAuthHandler(
        opts,
        pending,
        (e) => (own = e),
      ) as unknown as ConnectConfig['authHandler'],
      algorithms: {
        serverHostKey: hostKeyAlgorithmOrder(knownKeyTypes(entries, opts.host, opts.port)) as NonNullable<
          ConnectConfig['algorithms']
        >['serverHostKey'],
      },
    };
    if (sock) cfg.sock = sock;
    deadline.start();
    try {
      client.connect(cfg);
    } catch (e) {
      settle(
        new DeployError(
          'connect',
          `cannot connect to ${formatHostPort(opts.host, opts.port)}: ${(e as Error).message}`,
        ),
      );
    }
  });
}

/** Opens an authenticated, host-key-verified session (through the jump host when one is given). */
export async function connect(opts: ConnectOptions): Promise<RouterSession> {
  if (opts.signal?.aborted) throw new DeployError('cancelled', 'cancelled');
  const where = `${opts.username}@${formatHostPort(opts.host, opts.port)}`;
  if (!opts.jump) return new RouterSession(await connectOne(opts), undefined, where);
  const jumpOpts: ConnectOptions = { ...opts.jump, signal: opts.signal, log: opts.log };
  const jump = await connectOne(jumpOpts);
  try {
    const stream = await new Promise<ClientChannel>((resolve, reject) =>
      jump.forwardOut('127.0.0.1', 0, opts.host, opts.port, (err, ch) =>
        err
          ? reject(
              new DeployError(
                'connect',
                `the jump host ${opts.jump!.host} cannot reach ${formatHostPort(opts.host, opts.port)}: ${err.message}`,
              ),
            )
          : resolve(ch),
      ),
    );
    const client = await connectOne(opts, stream);
    return new RouterSession(client, jump, where);
  } catch (e) {
    jump.destroy();
    throw e;
  }
}
