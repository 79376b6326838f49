// A small RouterOS CLI emulator for the SSH end-to-end tests. sshd runs it as the ForceCommand (the
// command the client asked for is in SSH_ORIGINAL_COMMAND); it keeps the router's state in a JSON file in
// its directory, stores /file entries in <dir>/files (the SFTP root), and answers the commands the deploy
// code sends with RouterOS's message formats. Tests steer failures through `state.fail`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Failures {
  /** Kill the SSH session after this many bytes of an SFTP upload. */
  dropUploadAfterBytes?: number;
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
}

export const statePath = (dir: string) => join(dir, 'state.json');
export const filesDir = (dir: string) => join(dir, 'files');

export function loadState(dir: string): RouterState {
  return JSON.parse(readFileSync(statePath(dir), 'utf8')) as RouterState;
}

export function saveState(dir: string, s: RouterState): void {
  writeFileSync(statePath(dir), JSON.stringify(s, null, 1));
}

export function initState(dir: string, config: string[] = [], fail: Failures = {}): void {
  mkdirSync(filesDir(dir), { recursive: true });
  saveState(dir, { config, scheduler: [], commands: [], reboots: 0, fail });
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
  ) {}

  private print(s: string) {
    this.out += s + '\r\n';
  }

  run(command: string): void {
    const c = command.trim();
    if (c.startsWith('/import ')) return this.importFile(parseArgs(c.slice(8)));
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
      else if (m && m[2]) this.state.config.push(`${m[1].trim()} ${m[2]}${m[3]}`);
      else if (/^(add|set|remove)\b/.test(line)) this.state.config.push(`${menu} ${line}`);
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
  process.stdin.on('data', (b: Buffer) => {
    seen += b.length;
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

function main(): void {
  const dir = process.argv[2];
  const command = process.env.SSH_ORIGINAL_COMMAND ?? '';
  if (command === 'internal-sftp' || command.endsWith('sftp-server')) return serveSftp(dir);
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
