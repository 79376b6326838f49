// `rsc push`: lint a script, show the exact plan, and push it to a RouterOS router over SSH (or only ask
// the router's parser with --validate-only, or confirm earlier pushes with --confirm-pending). All the SSH
// work is in ../deploy; this file parses arguments, asks questions and maps results to exit codes.
import { createInterface } from 'node:readline';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeployError, isConnectionError } from '../deploy/errors';
import { parseDuration } from '../deploy/plan';
import {
  confirmPending,
  pushScript,
  validateOnRouter,
  type PlanExtras,
  type PushResult,
  type PushUi,
} from '../deploy/push';
import type { ConnectOptions } from '../deploy/ssh';
import { parseJumpHost } from '../deploy/profiles';
import { formatHostPort, parseHost } from '../deploy/hosts';
import { storeFileProblem } from '../deploy/knownHosts';
import type { RouterError } from '../deploy/output';
import { formatConfigDiff } from '../analysis/config-diff';
import { runFleet } from './fleet';
import { lintText, type Diagnostic } from '../lint';
import { parseCommandLine, UsageError, type CommandLine, type OptionSpecs } from './args';
import type { CliIO, Subcommand } from './io';

/** The default time to confirm a push before it is rolled back. */
export const DEFAULT_CONFIRM_SECONDS = 300;

export const PUSH_EXIT = { ok: 0, errors: 1, usage: 2, connection: 3, notConfirmed: 4 } as const;

export const pushHelp = `Usage: rsc push FILE --host H --user U [options]
       rsc push FILE --inventory FILE.yml [--limit GROUP|HOST] [--parallel N] [--canary N] [options]
       rsc push --confirm-pending --host H --user U [options]

Push a RouterOS script to a router over SSH: lint it, show exactly what will run, upload it over SFTP
under a unique name, run "/import file-name=NAME verbose=yes", map RouterOS errors to lines of FILE,
and remove the uploaded file. FILE itself is never modified.

Options:
  --host H               router address (required)
  --port P               SSH port (default 22)
  --user U               user name (required)
  --identity KEYFILE     private key (ed25519, RSA, ECDSA); passphrase from env RSC_KEY_PASSPHRASE
                         or a prompt. An ssh-agent (SSH_AUTH_SOCK) is used when available.
  --jump [USER@]HOST[:PORT]  reach the router through this SSH host (same key/agent/password)
  --known-hosts FILE     our trust store (default ~/.config/rsc/known_hosts); ~/.ssh/known_hosts is
                         read too. Unknown keys are shown as SHA256:... and asked about; a CHANGED key
                         is always refused (remove the old entry yourself if the change is expected)
  --accept-new-host-key  trust an unknown host key without asking (never a changed one)
  --backup DIR           download /export and /system backup to DIR before pushing
  --confirm-timeout T    how long you have to confirm the push (default 5m; e.g. 90s, 10m). Unless you
                         confirm, it is rolled back: with Safe Mode on RouterOS 7.18+ (no reboot), or
                         with a backup and a scheduler job running "/system backup load" (REBOOTS)
  --no-rollback          push without any rollback (a script that cuts you off stays in effect)
  --rollback M           auto (default with a terminal or --auto-confirm: Safe Mode if the router has it,
                         asked with the read-only ":put [/system resource get version]"), safe-mode, or
                         scheduler (default without a terminal: it survives this process, so a later
                         --confirm-pending can confirm it)
  --auto-confirm         confirm without asking when the import succeeded and a fresh SSH login still
                         works; roll back otherwise (for CI and fleets)
  --diff                 fetch the router's /export first and show what the script would change
  --inventory FILE.yml   push to every router of an Ansible YAML inventory (ansible_host, ansible_port,
                         ansible_user; groups with children). Each router gets the same checks; each is
                         confirmed automatically (--auto-confirm) or rolled back. Prints a table of
                         router, result and state left; exit code of the first router that failed
  --limit GROUP|HOST     only these groups or hosts of the inventory (several: a,b)
  --parallel N           routers pushed at the same time (default 4)
  --canary N             push to the first N routers first; any failure there stops the rest
  --confirm-pending      confirm every pending push on the router (removes the rollback jobs)
  --validate-only        only ask the router's parser (:parse) whether FILE is valid; changes nothing
  --yes                  do not ask: go ahead despite lint warnings and without plan confirmation
  --timeout SECONDS      limit for each router command and each SFTP transfer (default 120)
  --connect-timeout SECONDS  limit for the SSH handshake and login (default 20)

The password is read from env RSC_PASSWORD or asked on the terminal; there is no password flag.

Exit codes:
  0  success (RouterOS said "Script file loaded and executed successfully"; or valid; or confirmed)
  1  lint errors, RouterOS reported errors, or the router refused a command
  2  usage error, or the plan or lint warnings need a yes and there is no terminal (use --yes)
  3  connection, authentication or host-key failure (an unknown key without a terminal too: check
     the fingerprint, then use --accept-new-host-key), timeout, or a transfer that broke off
  4  not confirmed: the plan was declined, or a rollback is pending or was carried out
`;

export interface PushDeps {
  /** Asks on the terminal; `secret` hides the answer. Undefined when there is no answer. */
  prompt(question: string, opts: { secret?: boolean; timeoutMs?: number }): Promise<string | undefined>;
  lint(text: string): Diagnostic[];
}

interface Args {
  file?: string;
  host?: string;
  port: number;
  user?: string;
  identity?: string;
  jump?: string;
  knownHosts?: string;
  acceptNew: boolean;
  backup?: string;
  confirmTimeout?: number;
  confirmTimeoutGiven: boolean;
  noRollback: boolean;
  rollback?: 'auto' | 'safe-mode' | 'scheduler';
  autoConfirm: boolean;
  diff: boolean;
  inventory?: string;
  limit?: string;
  parallel: number;
  canary: number;
  confirmPending: boolean;
  validateOnly: boolean;
  yes: boolean;
  timeoutMs?: number;
  connectTimeoutMs?: number;
}

const PUSH_OPTIONS: OptionSpecs = {
  host: { type: 'string' },
  port: { type: 'string' },
  user: { type: 'string' },
  identity: { type: 'string' },
  jump: { type: 'string' },
  'known-hosts': { type: 'string' },
  'accept-new-host-key': { type: 'boolean' },
  backup: { type: 'string' },
  'confirm-timeout': { type: 'string' },
  'no-rollback': { type: 'boolean' },
  rollback: { type: 'string' },
  'auto-confirm': { type: 'boolean' },
  diff: { type: 'boolean' },
  inventory: { type: 'string' },
  limit: { type: 'string' },
  parallel: { type: 'string' },
  canary: { type: 'string' },
  'confirm-pending': { type: 'boolean' },
  'validate-only': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  timeout: { type: 'string' },
  'connect-timeout': { type: 'string' },
  password: {
    type: 'string',
    refused: 'there is no --password option: set RSC_PASSWORD or answer the prompt',
  },
};

/** A usage error to print: a bad value or combination of options. */
function usage(message: string): { usage: string } {
  return { usage: message };
}

/** The options, 'help', or the usage error to print. */
function parseArgs(argv: string[]): Args | 'help' | { usage: string } {
  let line: CommandLine;
  try {
    line = parseCommandLine(argv, PUSH_OPTIONS);
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    throw e;
  }
  if (line.help) return 'help';
  const a: Args = {
    port: 22,
    acceptNew: false,
    confirmPending: false,
    validateOnly: false,
    yes: false,
    confirmTimeoutGiven: false,
    noRollback: false,
    autoConfirm: false,
    diff: false,
    parallel: 4,
    canary: 0,
  };
  for (const { name: k, value: v } of line.options) {
    switch (k) {
      case '--host':
        a.host = v;
        break;
      case '--port': {
        const p = Number(v);
        if (!Number.isInteger(p) || p < 1 || p > 65535) return usage('--port needs a number from 1 to 65535');
        a.port = p;
        break;
      }
      case '--user':
        a.user = v;
        break;
      case '--identity':
        a.identity = v;
        break;
      case '--jump':
        a.jump = v;
        break;
      case '--known-hosts':
        a.knownHosts = v;
        break;
      case '--accept-new-host-key':
        a.acceptNew = true;
        break;
      case '--backup':
        a.backup = v;
        break;
      case '--confirm-timeout': {
        const s = parseDuration(v);
        if (s === undefined) return usage('--confirm-timeout needs a duration such as 5m or 90s');
        a.confirmTimeout = s;
        a.confirmTimeoutGiven = true;
        break;
      }
      case '--no-rollback':
        a.noRollback = true;
        break;
      case '--rollback': {
        if (v !== 'auto' && v !== 'safe-mode' && v !== 'scheduler')
          return usage('--rollback needs auto, safe-mode or scheduler');
        a.rollback = v;
        break;
      }
      case '--auto-confirm':
        a.autoConfirm = true;
        break;
      case '--diff':
        a.diff = true;
        break;
      case '--inventory':
        a.inventory = v;
        if (!a.inventory) return usage('--inventory needs a file');
        break;
      case '--limit':
        a.limit = v;
        if (!a.limit) return usage('--limit needs a group or host name');
        break;
      case '--parallel':
      case '--canary': {
        const n = Number(v);
        if (!Number.isInteger(n) || n < (k === '--parallel' ? 1 : 0) || n > 1000)
          return usage(`${k} needs a whole number${k === '--parallel' ? ' from 1' : ''}`);
        if (k === '--parallel') a.parallel = n;
        else a.canary = n;
        break;
      }
      case '--confirm-pending':
        a.confirmPending = true;
        break;
      case '--validate-only':
        a.validateOnly = true;
        break;
      case '--yes':
        a.yes = true;
        break;
      case '--timeout': {
        const t = Number(v);
        if (!(t > 0)) return usage('--timeout needs a number of seconds');
        a.timeoutMs = t * 1000;
        break;
      }
      case '--connect-timeout': {
        const t = Number(v);
        if (!(t > 0)) return usage('--connect-timeout needs a number of seconds');
        a.connectTimeoutMs = t * 1000;
        break;
      }
    }
  }
  const [file, second] = line.positionals;
  if (second !== undefined) return usage(`only one FILE can be pushed (got ${file} and ${second})`);
  a.file = file;
  if (a.inventory) {
    if (a.host) return usage('--inventory and --host cannot go together');
    if (a.confirmPending || a.validateOnly || a.diff)
      return usage('--inventory pushes; --confirm-pending, --validate-only and --diff take one --host');
    if (!a.file) return usage('FILE is required');
    if (!a.noRollback && a.confirmTimeout === undefined) a.confirmTimeout = DEFAULT_CONFIRM_SECONDS;
    return a;
  }
  if (a.limit || a.canary || a.parallel !== 4)
    return usage('--limit, --parallel and --canary go with --inventory');
  if (!a.host) return usage('--host is required');
  const h = parseHost(a.host);
  if ('error' in h) return usage(`--host: ${h.error}`);
  a.host = h.host;
  if (!a.user) return usage('--user is required');
  if (!a.file && !a.confirmPending) return usage('FILE is required');
  if (a.confirmPending && (a.file || a.validateOnly)) return usage('--confirm-pending takes no FILE');
  if (a.validateOnly && (a.backup || a.confirmTimeoutGiven || a.diff))
    return usage('--validate-only changes nothing: no --backup, --confirm-timeout or --diff');
  if (a.noRollback && (a.confirmTimeoutGiven || a.rollback || a.autoConfirm))
    return usage('--no-rollback cannot go with --confirm-timeout, --rollback or --auto-confirm');
  // Lockout-safe by default: a push is rolled back unless confirmed within 5 minutes.
  if (!a.noRollback && a.confirmTimeout === undefined) a.confirmTimeout = DEFAULT_CONFIRM_SECONDS;
  if (a.noRollback) a.confirmTimeout = undefined;
  return a;
}

/** 1-based line and column of an offset, for messages. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

function printRouterErrors(io: CliIO, file: string, text: string, errors: RouterError[]): void {
  for (const e of errors) {
    const { line, col } = lineCol(text, e.start);
    const how = e.located === 'none' ? ' (position unknown)' : '';
    io.stdout(`${file}:${line}:${col}: error: ${e.message} [router]${how}\n`);
  }
}

function defaultDeps(io: CliIO): PushDeps {
  return {
    lint: (text) => lintText(text).diagnostics,
    prompt: (question, opts) =>
      new Promise((res) => {
        if (!io.isTTY) return res(undefined);
        const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
        let timer: NodeJS.Timeout | undefined;
        if (opts.timeoutMs) timer = setTimeout(() => (rl.close(), res(undefined)), opts.timeoutMs);
        if (opts.secret) {
          // Echo nothing while a secret is typed: the readline output is muted after the question.
          const out = rl as unknown as { _writeToOutput(s: string): void };
          process.stderr.write(question);
          out._writeToOutput = () => undefined;
          rl.question('', (ans) => {
            clearTimeout(timer);
            process.stderr.write('\n');
            rl.close();
            res(ans);
          });
        } else {
          rl.question(question, (ans) => {
            clearTimeout(timer);
            rl.close();
            res(ans);
          });
        }
      }),
  };
}

/** Questions on the terminal during one run, and why one could not be asked. */
interface Questions {
  /** The trimmed, lower-cased answer; undefined without a terminal or an answer. */
  ask(question: string, timeoutMs?: number): Promise<string | undefined>;
  /** Why a question could not be asked (no terminal): printed instead of the generic error. */
  needAnswer?: string;
}

export function createPushCommand(makeDeps: (io: CliIO) => PushDeps = defaultDeps): Subcommand {
  return async (argv, io) => {
    const a = parseArgs(argv);
    if (a === 'help') {
      io.stdout(pushHelp);
      return PUSH_EXIT.ok;
    }
    if ('usage' in a) {
      io.stderr(`rsc push: ${a.usage}\n(see rsc push --help)\n`);
      return PUSH_EXIT.usage;
    }
    const deps = makeDeps(io);
    const q: Questions = {
      ask: async (question, timeoutMs) =>
        io.isTTY ? (await deps.prompt(question, { timeoutMs }))?.trim().toLowerCase() : undefined,
    };
    const home = io.env.HOME || homedir();
    const configHome = io.env.XDG_CONFIG_HOME || join(home, '.config');
    const storeFile = resolve(a.knownHosts ?? join(configHome, 'rsc', 'known_hosts'));
    const storeProblem = storeFileProblem(storeFile);
    if (storeProblem) {
      io.stderr(
        `rsc push: ${storeProblem}\nrsc push: pass --known-hosts FILE with a file path; nothing was sent\n`,
      );
      return PUSH_EXIT.usage;
    }
    const connection = connectionOptions(a, io, deps, q, home, storeFile);
    if (typeof connection === 'string') {
      io.stderr(`rsc push: ${connection}\n`);
      return PUSH_EXIT.usage;
    }
    const log = (l: string) => io.stderr(`${l}\n`);
    const connFail = (e: unknown): number => {
      io.stderr(`rsc push: ${(e as Error).message}\n`);
      if (q.needAnswer) io.stderr(`rsc push: ${q.needAnswer}\n`);
      if (e instanceof DeployError && e.kind === 'usage') return PUSH_EXIT.usage;
      return isConnectionError(e) ? PUSH_EXIT.connection : PUSH_EXIT.errors;
    };

    if (a.confirmPending) {
      try {
        const st = await confirmPending(connection, log);
        for (const l of st.report) io.stdout(`${l}\n`);
        return st.orphanBackups.length > 0 && st.confirmed.length === 0
          ? PUSH_EXIT.notConfirmed
          : PUSH_EXIT.ok;
      } catch (e) {
        return connFail(e);
      }
    }

    let script: Buffer;
    try {
      script = io.readFile(a.file!);
    } catch (e) {
      io.stderr(
        `rsc push: cannot read ${a.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
      );
      return PUSH_EXIT.usage;
    }
    const text = script.toString('utf8');
    const stop = await lintGate(a, text, io, deps, q);
    if (stop !== undefined) return stop;

    if (a.inventory) return runFleet(fleetOptions(a, script, storeFile, q), io);

    if (a.validateOnly) {
      try {
        const r = await validateOnRouter({ connection, script, commandTimeoutMs: a.timeoutMs }, log);
        if (r.valid) {
          io.stdout(`${a.file}: RouterOS accepts the script (:parse); nothing was changed\n`);
          return PUSH_EXIT.ok;
        }
        printRouterErrors(io, a.file!, text, r.analysis.errors);
        return PUSH_EXIT.errors;
      } catch (e) {
        return connFail(e);
      }
    }

    let result: PushResult;
    const ui = pushUi(a, io, q, log);
    try {
      result = await pushScript(
        {
          connection,
          script,
          localName: a.file!,
          backupDir: a.backup ? resolve(a.backup) : undefined,
          confirmTimeoutSeconds: a.confirmTimeout,
          // Safe Mode needs this process to stay until someone decides; without a terminal (and without
          // --auto-confirm) the scheduler job is used, which a later --confirm-pending confirms.
          rollback: a.rollback ?? (io.isTTY || a.autoConfirm ? 'auto' : 'scheduler'),
          autoConfirm: a.autoConfirm,
          diff: a.diff,
          commandTimeoutMs: a.timeoutMs,
        },
        ui,
      );
    } catch (e) {
      return connFail(e);
    }
    if (ui.planUnanswered) {
      io.stderr(
        'rsc push: the plan needs confirmation and there is no terminal: pass --yes; nothing was sent\n',
      );
      return PUSH_EXIT.usage;
    }
    return reportResult(a, text, result, io, q);
  };
}

/**
 * The SSH options for --host (and --jump) with the host-key and secret prompts wired to the terminal and
 * the environment, or the usage error of a bad --jump.
 */
function connectionOptions(
  a: Args,
  io: CliIO,
  deps: PushDeps,
  q: Questions,
  home: string,
  storeFile: string,
): ConnectOptions | string {
  const hostKeys: ConnectOptions['hostKeys'] = {
    knownHostsFiles: [join(home, '.ssh', 'known_hosts'), join(home, '.ssh', 'known_hosts2')],
    storeFile,
    onUnknownHost: async (i) => {
      const where = i.port === 22 ? i.host : `[${i.host}]:${i.port}`; // as ssh-keygen -R takes it
      io.stderr(
        `The host key of ${where} is not known.\n  ${i.keyType} key fingerprint is ${i.fingerprint}\n`,
      );
      if (a.acceptNew) {
        // "saved in" is logged by the SSH code once the save really worked.
        io.stderr('Trusting it (--accept-new-host-key)\n');
        return true;
      }
      if (!io.isTTY) {
        q.needAnswer =
          'the host key is unknown and there is no terminal to ask: check the fingerprint and pass --accept-new-host-key';
        return false;
      }
      const ans = await q.ask(`Trust this key and save it in ${i.storeFile}? (yes/no) `);
      return ans === 'yes' || ans === 'y';
    },
  };
  const auth: ConnectOptions['auth'] = {
    privateKeyPath: a.identity ? resolve(a.identity) : undefined,
    agentSocket: io.env.SSH_AUTH_SOCK || undefined,
    getPassword: async (question) => {
      if (io.env.RSC_PASSWORD !== undefined) return io.env.RSC_PASSWORD;
      if (!io.isTTY) {
        q.needAnswer ??= 'the router asks for a password and there is no terminal: set RSC_PASSWORD';
        return undefined;
      }
      return deps.prompt(`${question}: `, { secret: true });
    },
    getPassphrase: async (path) => {
      if (io.env.RSC_KEY_PASSPHRASE !== undefined) return io.env.RSC_KEY_PASSPHRASE;
      if (!io.isTTY) {
        q.needAnswer ??= `the key ${path} is encrypted and there is no terminal: set RSC_KEY_PASSPHRASE or use an agent`;
        return undefined;
      }
      return deps.prompt(`Passphrase for ${path}: `, { secret: true });
    },
  };
  const connection: ConnectOptions = {
    host: a.host!,
    port: a.port,
    username: a.user!,
    hostKeys,
    auth,
    readyTimeoutMs: a.connectTimeoutMs,
  };
  if (a.jump) {
    const j = parseJumpHost(a.jump, []);
    if ('error' in j) return j.error;
    const jh = parseHost(j.host);
    if ('error' in jh) return `--jump: ${jh.error}`;
    connection.jump = {
      host: jh.host,
      port: j.port,
      username: j.username ?? a.user!,
      hostKeys,
      auth,
      readyTimeoutMs: a.connectTimeoutMs,
    };
  }
  return connection;
}

/**
 * Lints the script and prints its errors and warnings: errors stop the push, warnings ask (or need
 * --yes). The exit code when the push stops here, else undefined.
 */
async function lintGate(
  a: Args,
  text: string,
  io: CliIO,
  deps: PushDeps,
  q: Questions,
): Promise<number | undefined> {
  const diags = deps.lint(text);
  for (const d of diags) {
    if (d.severity !== 'error' && d.severity !== 'warning') continue;
    const { line, col } = lineCol(text, d.start);
    io.stdout(`${a.file}:${line}:${col}: ${d.severity}: ${d.message} [${d.code}]\n`);
  }
  if (diags.some((d) => d.severity === 'error')) {
    io.stderr('rsc push: the script has lint errors; nothing was sent\n');
    return PUSH_EXIT.errors;
  }
  if (!a.validateOnly && diags.some((d) => d.severity === 'warning') && !a.yes) {
    if (!io.isTTY) {
      io.stderr(
        'rsc push: the script has lint warnings and there is no terminal to ask: pass --yes to push anyway\n',
      );
      return PUSH_EXIT.usage;
    }
    const ans = await q.ask('The script has lint warnings. Push anyway? (yes/no) ');
    if (ans !== 'yes' && ans !== 'y') return PUSH_EXIT.notConfirmed;
  }
  return undefined;
}

/** The options of a push to the routers of an inventory (`--inventory`). */
function fleetOptions(
  a: Args,
  script: Buffer,
  storeFile: string,
  q: Questions,
): Parameters<typeof runFleet>[0] {
  return {
    file: a.file!,
    script,
    inventory: a.inventory!,
    limit: a.limit,
    parallel: a.parallel,
    canary: a.canary,
    user: a.user,
    identity: a.identity,
    storeFile,
    acceptNew: a.acceptNew,
    backup: a.backup,
    confirmTimeout: a.confirmTimeout,
    rollback: a.rollback,
    yes: a.yes,
    timeoutMs: a.timeoutMs,
    connectTimeoutMs: a.connectTimeoutMs,
    ask: (question) => q.ask(question),
  };
}

/**
 * The terminal side of one push: the plan (and diff) shown and confirmed, and the keep-or-roll-back
 * question after the import. `planUnanswered` is set when the plan needed a yes and there was no terminal.
 */
function pushUi(
  a: Args,
  io: CliIO,
  q: Questions,
  log: (l: string) => void,
): PushUi & { planUnanswered: boolean } {
  const ui = {
    planUnanswered: false,
    log,
    onRouterOutput: (t: string) => io.stdout(t),
    confirmPlan: async (description: string, _plan: unknown, extra: PlanExtras | undefined) => {
      if (extra?.diff)
        io.stdout(`What the script changes on the router:\n${formatConfigDiff(extra.diff, a.file!)}\n`);
      io.stderr(`${description}\n`);
      if (a.yes) return true;
      if (!io.isTTY) {
        ui.planUnanswered = true;
        return false;
      }
      const ans = await q.ask('Go ahead? (yes/no) ');
      return ans === 'yes' || ans === 'y';
    },
    decideRollback: async ({ success, plan }: Parameters<NonNullable<PushUi['decideRollback']>>[0]) => {
      if (!io.isTTY) return 'pending' as const;
      const safe = plan.safeMode;
      const interval = safe?.interval ?? plan.rollback!.interval;
      const how = safe ? 'undo now with Safe Mode' : 'restore now, the router reboots';
      const question = success
        ? `Pushed. Check that the router still works, then confirm. Keep the changes? (yes = keep, rollback = ${how}; no answer within ${interval} = automatic rollback) `
        : `The import failed. Roll back (${how})? (rollback / keep) `;
      // Safe Mode waits for us; the scheduler job does not: answer before its deadline, leaving a
      // margin for the confirm commands.
      const seconds = safe ? safe.timeoutSeconds : plan.rollback!.timeoutSeconds - 10;
      const ans = await q.ask(question, Math.max(1000, seconds * 1000));
      if (ans === 'yes' || ans === 'y' || ans === 'keep') return 'keep' as const;
      if (ans === 'rollback' || ans === 'r') return 'rollback' as const;
      return 'pending' as const;
    },
  };
  return ui;
}

/** Prints what the push did (router errors at their lines, the report, the router's state); its exit code. */
function reportResult(a: Args, text: string, result: PushResult, io: CliIO, q: Questions): number {
  if (result.analysis) printRouterErrors(io, a.file!, text, result.analysis.errors);
  io.stderr(`\nWhat happened:\n${result.report.map((l) => `  - ${l}`).join('\n')}\n`);
  io.stderr(`Router state: ${result.state}\n`);
  switch (result.status) {
    case 'success':
      return PUSH_EXIT.ok;
    case 'router-errors':
      return PUSH_EXIT.errors;
    case 'declined':
    case 'rolled-back':
      return PUSH_EXIT.notConfirmed;
    case 'pending-confirmation':
      io.stderr(
        `Not confirmed yet: run "rsc push --confirm-pending --host ${formatHostPort(a.host!, a.port).replace(/:\d+$/, '')} --port ${a.port} --user ${a.user}" ` +
          `within ${result.plan.rollback?.interval} or the router restores its previous configuration (and reboots).\n`,
      );
      return PUSH_EXIT.notConfirmed;
    case 'failed':
    default:
      if (q.needAnswer) io.stderr(`rsc push: ${q.needAnswer}\n`);
      if (result.error?.kind === 'usage') return PUSH_EXIT.usage;
      return result.error instanceof DeployError && result.error.kind !== 'router'
        ? PUSH_EXIT.connection
        : PUSH_EXIT.errors;
  }
}

export const pushCommand: Subcommand = createPushCommand();
