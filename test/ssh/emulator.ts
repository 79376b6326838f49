// A small RouterOS CLI emulator for the SSH end-to-end tests. sshd runs it as the ForceCommand (the
// command the client asked for is in SSH_ORIGINAL_COMMAND); it keeps the router's state in a JSON file in
// its directory, stores /file entries in <dir>/files (the SFTP root), and answers the commands the deploy
// code sends with RouterOS's message formats. Tests steer failures through `state.fail`.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export interface Failures {
  /** Kill the SSH session after this many bytes of an SFTP upload. */
  dropUploadAfterBytes?: number;
  /** After this many bytes of an SFTP session, stop passing anything on (a frozen transfer, no close). */
  freezeSftpAfterBytes?: number;
  /** Stop answering (no output, no exit) when a command matching this substring runs. */
  hangOn?: string;
  /** During /import: after echoing line N (1-based), print this message and stop. */
  runtimeErrorAtLine?: number;
  runtimeMessage?: string;
  /** /import and :parse report "syntax error (line N column M)" before running anything. */
  syntaxErrorAt?: { line: number; column: number; message?: string };
  /** Run a command containing this substring, then kill the session without answering (a lockout). */
  dropAfter?: string;
  /** Refuse /system backup save. */
  refuseBackupSave?: boolean;
  /** Refuse /system scheduler add. */
  refuseScheduler?: boolean;
  /** Answer a command containing `on` only after `ms` milliseconds (a slow router, not a hung one). */
  delay?: { on: string; ms: number };
}

export interface SchedulerJob {
  name: string;
  interval: string;
  onEvent: string;
  comment?: string;
}

export interface RouterState {
  /** The configuration as the ordered list of full commands that built it (`/ip address add ...`). */
  config: string[];
  scheduler: SchedulerJob[];
  /** Every command received on an exec channel, in order (for assertions). */
  commands: string[];
  reboots: number;
  fail: Failures;
  /** What `/system resource get version` prints, e.g. "7.18.2 (stable)". */
  version: string;
  /**
   * Safe Mode (RouterOS 7.18+, modelled on the manual): held by one console session (`owner`); `snapshot`
   * is the configuration when it was taken; `changes` counts the actions recorded since (the manual: at
   * most 100 fit the history, beyond that the session leaves Safe Mode and nothing is undone).
   */
  safeMode?: { owner: number; snapshot: string[]; changes: number };
  /** Safe Mode sessions that ended abnormally and whose changes were undone (for assertions). */
  unrolledSessions?: number;
}

/** Actions Safe Mode can hold (the manual: the history keeps up to 100). */
export const SAFE_MODE_HISTORY = 100;

export const statePath = (dir: string) => join(dir, 'state.json');
export const filesDir = (dir: string) => join(dir, 'files');

export function loadState(dir: string): RouterState {
  return JSON.parse(readFileSync(statePath(dir), 'utf8')) as RouterState;
}

export function saveState(dir: string, s: RouterState): void {
  // Written to a temporary file and renamed into place, so a command running at the same moment (a
  // cleanup next to a hanging import) never reads a half-written state.
  const tmp = `${statePath(dir)}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, JSON.stringify(s, null, 1));
  renameSync(tmp, statePath(dir));
}

export function initState(
  dir: string,
  config: string[] = [],
  fail: Failures = {},
  version = '7.22.1 (stable)',
): void {
  mkdirSync(filesDir(dir), { recursive: true });
  saveState(dir, { config, scheduler: [], commands: [], reboots: 0, fail, version });
}

/** Splits `key=value key="quoted \"value\""` into pairs; bare words get the value ''. */
export function parseArgs(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ') i++;
    if (i >= text.length) break;
    let key = '';
    while (i < text.length && text[i] !== '=' && text[i] !== ' ') key += text[i++];
    let value = '';
    if (text[i] === '=') {
      i++;
      if (text[i] === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length) i++;
          value += text[i++];
        }
        i++;
      } else if (text[i] === '[') {
        let depth = 0;
        do {
          if (text[i] === '[') depth++;
          if (text[i] === ']') depth--;
          value += text[i++];
        } while (i < text.length && depth > 0);
      } else {
        while (i < text.length && text[i] !== ' ') value += text[i++];
      }
    }
    out.set(key, value);
  }
  return out;
}

function findName(text: string): string | undefined {
  const m = /\[find name="([^"]*)"\]/.exec(text) ?? /\[find where name="([^"]*)"\]/.exec(text);
  return m?.[1];
}

function listFiles(dir: string): string[] {
  return readdirSync(filesDir(dir)).sort();
}

class Stop extends Error {}

/** The per-command interpreter. `out` collects what the router prints. */
export class Router {
  out = '';
  constructor(
    readonly dir: string,
    readonly state: RouterState,
    /** The console session running the commands (Safe Mode belongs to one). */
    readonly session = 0,
  ) {}

  /** Safe Mode is only there from RouterOS 7.18 on. */
  private hasSafeMode(): boolean {
    const m = /^(\d+)\.(\d+)/.exec(this.state.version ?? '');
    return !!m && (Number(m[1]) > 7 || (Number(m[1]) === 7 && Number(m[2]) >= 18));
  }

  private safeMode(verb: string): void {
    if (!this.hasSafeMode()) return this.print('bad command name safe-mode (line 1 column 2)');
    const sm = this.state.safeMode;
    const mine = sm?.owner === this.session;
    if (verb === 'toggle') return this.safeMode(mine ? 'release' : 'take');
    if (verb === 'take') {
      if (sm && !mine) return this.print('failure: safe mode is held by another session');
      if (!sm) this.state.safeMode = { owner: this.session, snapshot: [...this.state.config], changes: 0 };
      return this.print('[Safe Mode taken]');
    }
    if (verb === 'release') {
      if (mine) this.state.safeMode = undefined;
      return this.print('[Safe Mode released]');
    }
    if (verb === 'unroll') {
      if (mine && sm) {
        this.state.config = sm.snapshot;
        this.state.safeMode = undefined;
      }
      return this.print('[Safe Mode unrolled]');
    }
    this.print(`bad command name ${verb} (line 1 column 12)`);
  }

  /** Records one configuration action; past the history limit Safe Mode lets go without undoing. */
  private change(cmd: string): void {
    this.state.config.push(cmd);
    const sm = this.state.safeMode;
    if (sm && ++sm.changes > SAFE_MODE_HISTORY) this.state.safeMode = undefined;
  }

  /** The session ended without /quit while holding Safe Mode: RouterOS undoes its changes. */
  abnormalEnd(): void {
    const sm = this.state.safeMode;
    if (sm?.owner !== this.session) return;
    this.state.config = sm.snapshot;
    this.state.safeMode = undefined;
    this.state.unrolledSessions = (this.state.unrolledSessions ?? 0) + 1;
  }

  /** /quit: a normal end keeps the changes and lets go of Safe Mode. */
  quit(): void {
    if (this.state.safeMode?.owner === this.session) this.state.safeMode = undefined;
  }

  private print(s: string) {
    this.out += s + '\r\n';
  }

  run(command: string): void {
    const c = command.trim();
    if (c.startsWith('/import ')) return this.importFile(parseArgs(c.slice(8)));
    const sm = /^\/safe-mode (\S+)$/.exec(c);
    if (sm) return this.safeMode(sm[1]);
    const put = /^:put "([a-z0-9-]+)"$/.exec(c);
    if (put) return this.print(put[1]);
    if (c === ':put [/system resource get version]')
      return this.print(this.state.version ?? '7.22.1 (stable)');
    if (c === '/export' || c.startsWith('/export ')) return this.exportConfig(parseArgs(c.slice(7)));
    if (c.startsWith('/file remove ')) return this.fileRemove(c);
    if (c.startsWith('/file print')) {
      for (const f of listFiles(this.dir)) this.print(`${f}  ${statSync(join(filesDir(this.dir), f)).size}`);
      return;
    }
    if (c.startsWith('/system scheduler add ')) return this.schedulerAdd(parseArgs(c.slice(22)));
    if (c.startsWith('/system scheduler remove ')) {
      const n = findName(c);
      this.state.scheduler = this.state.scheduler.filter((j) => j.name !== n);
      return;
    }
    if (c.startsWith('/system scheduler print')) {
      this.state.scheduler.forEach((j, i) =>
        this.print(`${i} name="${j.name}" interval=${j.interval} on-event=${j.onEvent}`),
      );
      return;
    }
    if (c.startsWith('/system backup save ')) return this.backupSave(parseArgs(c.slice(20)));
    if (c.startsWith('/system backup load ')) return this.backupLoad(parseArgs(c.slice(20)));
    const exec = /^:execute script="((?:[^"\\]|\\.)*)"$/.exec(c);
    if (exec) return this.run(exec[1].replace(/\\(.)/g, '$1'));
    const parse =
      /^:local rscSrc \[\/file get \[find name="([^"]+)"\] contents\]; :local rscCode \[:parse \$rscSrc\]; :put "([^"]+)"$/.exec(
        c,
      );
    if (parse) return this.parseCheck(parse[1], parse[2]);
    const each =
      /^:foreach i in=\[\/(system scheduler|file) find where name~"\^([a-z-]+)"\] do=\{:put \[\/(?:system scheduler|file) get \$i name\]\}$/.exec(
        c,
      );
    if (each) {
      const all = each[1] === 'file' ? listFiles(this.dir) : this.state.scheduler.map((j) => j.name);
      for (const n of all) if (n.startsWith(each[2])) this.print(n);
      return;
    }
    this.print(`bad command name ${c.split(/\s+/)[0].replace(/^\//, '')} (line 1 column 1)`);
  }

  private fileRemove(c: string) {
    const n = findName(c) ?? c.slice('/file remove '.length).trim();
    const p = join(filesDir(this.dir), n);
    if (n && !n.includes('/') && existsSync(p)) rmSync(p);
    else if (!c.includes('[find')) this.print('no such item');
  }

  private readFileEntry(name: string): string | undefined {
    if (name.includes('/')) return undefined;
    const p = join(filesDir(this.dir), name);
    return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
  }

  /** A stand-in for RouterOS's parser: the injected syntax error, or an unbalanced brace. */
  private syntaxError(text: string): string | undefined {
    const f = this.state.fail.syntaxErrorAt;
    if (f) return `${f.message ?? 'syntax error'} (line ${f.line} column ${f.column})`;
    const lines = text.split(/\r?\n/);
    let depth = 0;
    for (let l = 0; l < lines.length; l++) {
      for (let col = 0; col < lines[l].length; col++) {
        const ch = lines[l][col];
        if (ch === '#' && lines[l].slice(0, col).trim() === '') break;
        if (ch === '{') depth++;
        if (ch === '}' && --depth < 0) return `syntax error (line ${l + 1} column ${col + 1})`;
      }
    }
    if (depth > 0) return `expected closing brace (line ${lines.length} column 1)`;
    return undefined;
  }

  private parseCheck(name: string, marker: string) {
    const text = this.readFileEntry(name);
    if (text === undefined) return this.print('no such item');
    const err = this.syntaxError(text);
    if (err) return this.print(err);
    this.print(marker);
  }

  private importFile(args: Map<string, string>) {
    const name = args.get('file-name') ?? '';
    const verbose = args.get('verbose') === 'yes';
    const text = this.readFileEntry(name);
    if (text === undefined) return this.print('failure: no such file');
    const err = this.syntaxError(text);
    if (err) return this.print(err);
    let menu = '';
    const lines = text.split(/\r?\n/);
    for (let l = 0; l < lines.length; l++) {
      const line = lines[l].trim();
      if (line === '' || line.startsWith('#')) continue;
      if (verbose) this.print(line);
      if (this.state.fail.runtimeErrorAtLine === l + 1) {
        this.print(this.state.fail.runtimeMessage ?? 'failure: already have such address');
        return;
      }
      const m = /^(\/[a-z0-9 -]*?)(?:\s+(add|set|remove)\b(.*))?$/.exec(line);
      if (m && !m[2]) menu = m[1].trim();
      else if (m && m[2]) this.change(`${m[1].trim()} ${m[2]}${m[3]}`);
      else if (/^(add|set|remove)\b/.test(line)) this.change(`${menu} ${line}`);
      else if (/^:?(put|log|local|global|delay|if|foreach|do)\b/.test(line)) continue;
      else {
        const word = line.split(/\s+/)[0];
        this.print(`bad command name ${word} (line ${l + 1} column 1)`);
        return;
      }
    }
    this.print('');
    this.print('Script file loaded and executed successfully');
  }

  private exportText(): string {
    const lines = ['# nov/25/2026 12:00:00 by RouterOS 7.22.1', '# model = CHR'];
    for (const c of this.state.config) lines.push(c);
    for (const j of this.state.scheduler) {
      lines.push(
        `/system scheduler add interval=${j.interval} name=${j.name} on-event=${JSON.stringify(j.onEvent)}`,
      );
    }
    return lines.join('\n') + '\n';
  }

  private exportConfig(args: Map<string, string>) {
    const file = args.get('file');
    if (file) writeFileSync(join(filesDir(this.dir), `${file}.rsc`), this.exportText());
    else this.out += this.exportText();
  }

  private schedulerAdd(args: Map<string, string>) {
    if (this.state.fail.refuseScheduler) return this.print('failure: not enough permissions (9)');
    const name = args.get('name') ?? '';
    if (this.state.scheduler.some((j) => j.name === name))
      return this.print('failure: item with such name already exists');
    this.state.scheduler.push({
      name,
      interval: args.get('interval') ?? '0s',
      onEvent: args.get('on-event') ?? '',
      comment: args.get('comment'),
    });
  }

  private backupSave(args: Map<string, string>) {
    if (this.state.fail.refuseBackupSave) return this.print('failure: not enough space');
    const name = args.get('name') ?? 'backup';
    const snap = { config: this.state.config, scheduler: this.state.scheduler };
    writeFileSync(join(filesDir(this.dir), `${name}.backup`), JSON.stringify(snap));
    this.print('Configuration backup saved');
  }

  private backupLoad(args: Map<string, string>) {
    const text = this.readFileEntry(args.get('name') ?? '');
    if (text === undefined) return this.print('failure: no such file');
    const snap = JSON.parse(text) as Pick<RouterState, 'config' | 'scheduler'>;
    this.state.config = snap.config;
    this.state.scheduler = snap.scheduler;
    this.state.reboots++;
    this.print('Restoring configuration and rebooting...');
    throw new Stop();
  }
}

/** What the test calls when "time passes": every scheduler job runs its on-event once. */
export function fireScheduler(dir: string): string {
  const state = loadState(dir);
  const r = new Router(dir, state);
  for (const job of [...state.scheduler]) {
    try {
      r.run(job.onEvent);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      break;
    }
  }
  saveState(dir, state);
  return r.out;
}

function serveSftp(dir: string): void {
  const fail = loadState(dir).fail;
  const child = spawn('/usr/lib/openssh/sftp-server', ['-d', filesDir(dir)], {
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  let seen = 0;
  let frozen = false;
  process.stdin.on('data', (b: Buffer) => {
    seen += b.length;
    if (frozen) return;
    if (fail.freezeSftpAfterBytes !== undefined && seen > fail.freezeSftpAfterBytes) {
      // Swallow everything from here on and answer nothing, like a router whose flash stalls; the
      // session ends only when the client closes it (or after a minute, so nothing outlives a test).
      frozen = true;
      setTimeout(() => process.exit(0), 60_000);
      return;
    }
    if (fail.dropUploadAfterBytes !== undefined && seen > fail.dropUploadAfterBytes) {
      // Drop the whole SSH connection, as a router losing power or a cable would, by killing the sshd
      // session process that runs us.
      try {
        process.kill(process.ppid, 'SIGKILL');
      } finally {
        process.exit(1);
      }
    }
    child.stdin.write(b);
  });
  process.stdin.on('end', () => child.stdin.end());
  child.on('exit', (code) => process.exit(code ?? 0));
}

/**
 * A console session (an SSH shell channel): reads one command per line and answers each in turn. It ends
 * normally with /quit; a channel that closes without /quit is an abnormal end, which undoes what the
 * session did in Safe Mode (RouterOS does so once it notices the session is gone: about 9 minutes of TCP
 * timeout on a real router, at once here).
 */
function serveConsole(dir: string): void {
  const session = process.pid;
  let pending = '';
  let hung = false;
  let done = false;
  const finish = (normal: boolean) => {
    if (done) return;
    done = true;
    const state = loadState(dir);
    const r = new Router(dir, state, session);
    if (normal) r.quit();
    else r.abnormalEnd();
    saveState(dir, state);
    process.stdout.write(r.out, () => process.exit(0));
  };
  const runLine = (line: string): 'go' | 'stop' => {
    if (line === '') return 'go';
    if (line === '/quit') {
      finish(true);
      return 'stop';
    }
    const state = loadState(dir);
    if (!/^:put "rsc-mark-\d+"$/.test(line)) state.commands.push(line);
    if (state.fail.hangOn && line.includes(state.fail.hangOn)) {
      saveState(dir, state);
      hung = true;
      return 'stop';
    }
    const r = new Router(dir, state, session);
    try {
      r.run(line);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
    }
    if (state.fail.dropAfter && line.includes(state.fail.dropAfter)) {
      // The script cut the connection: the session is gone without /quit.
      r.abnormalEnd();
      saveState(dir, state);
      process.kill(process.ppid, 'SIGKILL');
      process.exit(1);
    }
    saveState(dir, state);
    process.stdout.write(r.out);
    return 'go';
  };
  process.stdin.on('data', (b: Buffer) => {
    if (hung) return;
    pending += b.toString('utf8');
    let i: number;
    while ((i = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, i).replace(/\r$/, '').trim();
      pending = pending.slice(i + 1);
      if (runLine(line) === 'stop') {
        pending = '';
        return;
      }
    }
  });
  process.stdin.on('end', () => finish(false));
  setTimeout(() => finish(false), 120_000).unref();
}

function main(): void {
  const dir = process.argv[2];
  const command = process.env.SSH_ORIGINAL_COMMAND ?? '';
  if (command === 'internal-sftp' || command.endsWith('sftp-server')) return serveSftp(dir);
  if (process.env.SSH_ORIGINAL_COMMAND === undefined) return serveConsole(dir);
  const state = loadState(dir);
  state.commands.push(command);
  saveState(dir, state);
  if (state.fail.hangOn && command.includes(state.fail.hangOn)) {
    // Never answer, but never outlive the test either: stop when the client closes the channel.
    setTimeout(() => process.exit(0), 60_000);
    process.stdin.on('close', () => process.exit(0));
    process.stdin.on('end', () => process.exit(0));
    process.stdin.resume();
    return;
  }
  const d = state.fail.delay;
  if (d && command.includes(d.on)) {
    setTimeout(() => answer(dir, command), d.ms);
    return;
  }
  answer(dir, command);
}

function answer(dir: string, command: string): void {
  const state = loadState(dir);
  const r = new Router(dir, state);
  try {
    r.run(command);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  saveState(dir, state);
  if (state.fail.dropAfter && command.includes(state.fail.dropAfter)) {
    process.kill(process.ppid, 'SIGKILL');
    process.exit(1);
  }
  process.stdout.write(r.out, () => process.exit(0));
}

if (process.env.RSC_EMULATOR_MAIN === '1' || process.argv[1]?.endsWith('emulator.cjs')) main();
